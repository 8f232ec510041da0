package dev.jwe.servlet;

/** The adapter-parity suite: the Servlet filter on Jetty. */
class JettyParityIT extends ServletAdapterParity {
    @Override
    ServletContainer container() {
        return new JettyContainer();
    }
}
