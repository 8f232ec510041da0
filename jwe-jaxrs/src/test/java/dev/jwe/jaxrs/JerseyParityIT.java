package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;

/** The adapter-parity suite: the JAX-RS feature on Jersey. */
class JerseyParityIT extends JaxrsAdapterParity {
    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
        return Jersey.install(context, app);
    }
}
