package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;

/**
 * {@link JweFeatureSuite} on RESTEasy (6.2, Jakarta REST 3.1, here; 7.0, Jakarta REST 4.0, in the
 * EE 11 leg), as a servlet in the suite's host.
 */
class RestEasyJweFeatureIT extends JweFeatureSuite {

    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
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
