package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;

/** {@link ClassShapeSuite} on Jersey. */
class JerseyClassShapeIT extends ClassShapeSuite {

    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
        return Jersey.install(context, app);
    }
}
