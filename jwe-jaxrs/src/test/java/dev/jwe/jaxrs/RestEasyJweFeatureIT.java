package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** {@link JweFeatureSuite} on RESTEasy 6.2 (Jakarta REST 3.1), as a servlet in Jetty ee10. */
class RestEasyJweFeatureIT extends JweFeatureSuite {

    @Override
    AutoCloseable install(ServletContextHandler context, Application app) {
        return RestEasy.install(context, app);
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
