package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/** Jersey 3.1 as a servlet in Jetty ee10, for the suites that run on it. */
final class Jersey {
    private Jersey() {
    }

    /**
     * Installs Jersey's servlet for {@code app} on {@code /*}.
     *
     * @return what to close after the server stopped
     */
    static AutoCloseable install(ServletContextHandler context, Application app) {
        ResourceConfig config = ResourceConfig.forApplication(app)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        ServletHolder holder = new ServletHolder(new ServletContainer(config));
        holder.setInitOrder(0);
        context.addServlet(holder, "/*");
        return () -> { };
    }
}
