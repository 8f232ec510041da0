package dev.jwe.servlet;

/** The adapter-parity suite: the Servlet filter on Jetty 12.1 ee11 (Servlet 6.1). */
class JettyEe11ParityIT extends ServletAdapterParity {
    @Override
    ServletContainer container() {
        return new JettyEe11Container();
    }
}
