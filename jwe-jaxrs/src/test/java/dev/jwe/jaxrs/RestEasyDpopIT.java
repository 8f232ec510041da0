package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;

/** {@link DpopFeatureSuite} on RESTEasy. */
class RestEasyDpopIT extends DpopFeatureSuite {
    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
        return RestEasy.install(context, app);
    }
}
