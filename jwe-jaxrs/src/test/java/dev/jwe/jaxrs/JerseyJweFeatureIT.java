package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/** {@link JweFeatureSuite} on Jersey 3.1, as a servlet in Jetty ee10. */
class JerseyJweFeatureIT extends JweFeatureSuite {

    @Override
    AutoCloseable install(ServletContextHandler context, Application app) {
        return jersey(context, app);
    }

    /** Installs Jersey's servlet for {@code app} on {@code /*}. */
    static AutoCloseable jersey(ServletContextHandler context, Application app) {
        ResourceConfig config = ResourceConfig.forApplication(app)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        ServletHolder holder = new ServletHolder(new ServletContainer(config));
        holder.setInitOrder(0);
        context.addServlet(holder, "/*");
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
