package dev.jwe.servlet;

/** The DPoP suite on Tomcat. */
class TomcatDpopIT extends DpopSuite {
    @Override
    ServletContainer container() {
        return new TomcatContainer();
    }
}
