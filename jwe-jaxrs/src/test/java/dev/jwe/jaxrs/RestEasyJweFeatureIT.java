package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.spi.ResteasyDeployment;

/**
 * {@link JweFeatureSuite} on RESTEasy (6.2, Jakarta REST 3.1, here; 7.0, Jakarta REST 4.0, in the
 * EE 11 leg), as a servlet in the suite's host.
 */
class RestEasyJweFeatureIT extends JweFeatureSuite {

    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
        ResteasyDeployment deployment = new ResteasyDeploymentImpl();
        deployment.setApplication(app);
        // The dispatcher servlet takes a started deployment from the servlet context.
        deployment.start();
        context.setAttribute(ResteasyDeployment.class.getName(), deployment);
        context.addServlet(new HttpServlet30Dispatcher(), "/*");
        return deployment::stop;
    }

    @Override
    String otherImplementationClass() {
        return "org.glassfish.jersey.server.ResourceConfig";
    }

    @Override
    String runtimeDelegatePackage() {
        return "org.jboss.resteasy.";
    }
}
