package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** {@link JweFeatureSuite} on Jersey 3.1, as a servlet in Jetty ee10. */
class JerseyJweFeatureIT extends JweFeatureSuite {

    @Override
    AutoCloseable install(ServletContextHandler context, Application app) {
        return Jersey.install(context, app);
    }

    @Override
    String otherImplementationClass() {
        return "org.jboss.resteasy.core.ResteasyDeploymentImpl";
    }

    @Override
    String runtimeDelegatePackage() {
        return "org.glassfish.jersey.";
    }
}
