package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;

/** {@link DpopFeatureSuite} on Jersey. */
class JerseyDpopIT extends DpopFeatureSuite {
    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
        return Jersey.install(context, app);
    }
}
