package dev.jwe.servlet;

/** The DPoP suite on Jetty 12.1 ee11 (Servlet 6.1). */
class JettyEe11DpopIT extends DpopSuite {
    @Override
    ServletContainer container() {
        return new JettyEe11Container();
    }
}
