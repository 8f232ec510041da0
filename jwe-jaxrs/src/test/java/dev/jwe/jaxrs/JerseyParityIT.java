package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The adapter-parity suite: the JAX-RS feature on Jersey. */
class JerseyParityIT extends JaxrsAdapterParity {
    @Override
    AutoCloseable install(ServletContextHandler context, Application app) {
        return Jersey.install(context, app);
    }
}
