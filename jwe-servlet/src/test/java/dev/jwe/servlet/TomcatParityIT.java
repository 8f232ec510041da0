package dev.jwe.servlet;

/** The adapter-parity suite: the Servlet filter on Tomcat. */
class TomcatParityIT extends ServletAdapterParity {
    @Override
    ServletContainer container() {
        return new TomcatContainer();
    }
}
