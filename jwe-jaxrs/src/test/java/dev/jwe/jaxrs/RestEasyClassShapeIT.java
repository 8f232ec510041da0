package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;

/** {@link ClassShapeSuite} on RESTEasy. */
class RestEasyClassShapeIT extends ClassShapeSuite {

    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
        return RestEasy.install(context, app);
    }
}
