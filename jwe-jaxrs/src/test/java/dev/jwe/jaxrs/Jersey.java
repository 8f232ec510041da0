package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/** Jersey (3.1 here, 4.0 in the EE 11 leg) as a servlet in a {@link ServletHost}, for the suites that run on it. */
final class Jersey {
    private Jersey() {
    }

    /**
     * Installs Jersey's servlet for {@code app} on {@code /*}.
     *
     * @return what to close after the server stopped
     */
    static AutoCloseable install(ServletHost.Context context, Application app) {
        ResourceConfig config = ResourceConfig.forApplication(app)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        context.addServlet(new ServletContainer(config), "/*");
        return () -> { };
    }
}
