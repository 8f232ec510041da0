package dev.jwe.servlet;

/** The DPoP suite on Jetty. */
class JettyDpopIT extends DpopSuite {
    @Override
    ServletContainer container() {
        return new JettyContainer();
    }
}
