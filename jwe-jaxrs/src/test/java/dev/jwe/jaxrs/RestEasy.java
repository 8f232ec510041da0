package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.spi.ResteasyDeployment;

/** RESTEasy 6.2 (Jakarta REST 3.1) as a servlet in Jetty ee10, for the suites that run on it. */
final class RestEasy {
    private RestEasy() {
    }

    /**
     * Installs RESTEasy's dispatcher servlet for {@code app} on {@code /*}.
     *
     * @return what to close after the server stopped: the deployment
     */
    static AutoCloseable install(ServletContextHandler context, Application app) {
        ResteasyDeployment deployment = new ResteasyDeploymentImpl();
        deployment.setApplication(app);
        // The dispatcher servlet takes a started deployment from the servlet context.
        deployment.start();
        context.setAttribute(ResteasyDeployment.class.getName(), deployment);
        ServletHolder holder = new ServletHolder(new HttpServlet30Dispatcher());
        holder.setInitOrder(0);
        context.addServlet(holder, "/*");
        return deployment::stop;
    }
}
