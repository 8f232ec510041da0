package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The adapter-parity suite: the JAX-RS feature on RESTEasy. */
class RestEasyParityIT extends JaxrsAdapterParity {
    @Override
    AutoCloseable install(ServletContextHandler context, Application app) {
        return RestEasy.install(context, app);
    }
}
