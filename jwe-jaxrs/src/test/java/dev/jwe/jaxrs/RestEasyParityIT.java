package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;

/** The adapter-parity suite: the JAX-RS feature on RESTEasy. */
class RestEasyParityIT extends JaxrsAdapterParity {
    @Override
    AutoCloseable install(ServletHost.Context context, Application app) {
        return RestEasy.install(context, app);
    }
}
