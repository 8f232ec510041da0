package dev.jwe.servlet;

/** The suite on Jetty, registered from a real web.xml. */
class JettyWebXmlIT extends WebXmlSuite {
    @Override
    ServletContainer container() {
        return new JettyContainer();
    }
}
