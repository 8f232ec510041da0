package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.spi.ResteasyDeployment;

/**
 * RESTEasy (6.2, Jakarta REST 3.1, here; 7.0, Jakarta REST 4.0, in the EE 11 leg) as a servlet in a
 * {@link ServletHost}, for the suites that run on it.
 */
final class RestEasy {
    private RestEasy() {
    }

    /**
     * Installs RESTEasy's dispatcher servlet for {@code app} on {@code /*}.
     *
     * @return what to close after the server stopped: the deployment
     */
    static AutoCloseable install(ServletHost.Context context, Application app) {
        ResteasyDeployment deployment = new ResteasyDeploymentImpl();
        deployment.setApplication(app);
        // The dispatcher servlet takes a started deployment from the servlet context.
        deployment.start();
        context.setAttribute(ResteasyDeployment.class.getName(), deployment);
        context.addServlet(new HttpServlet30Dispatcher(), "/*");
        return deployment::stop;
    }
}
