package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/** {@link JweFeatureSuite} on Jersey (3.1 here, 4.0 in the EE 11 leg), as a servlet in the suite's host. */
class JerseyJweFeatureIT extends JweFeatureSuite {

    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
        ResourceConfig config = ResourceConfig.forApplication(app)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        context.addServlet(new ServletContainer(config), "/*");
        return () -> { };
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
