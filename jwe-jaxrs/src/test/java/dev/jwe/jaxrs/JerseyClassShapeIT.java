package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** {@link ClassShapeSuite} on Jersey. */
class JerseyClassShapeIT extends ClassShapeSuite {

    @Override
    AutoCloseable install(ServletContextHandler context, Application app) {
        return Jersey.install(context, app);
    }
}
