package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;

/** {@link JweFeatureSuite} on Jersey (3.1 here, 4.0 in the EE 11 leg), as a servlet in the suite's host. */
class JerseyJweFeatureIT extends JweFeatureSuite {

    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
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
