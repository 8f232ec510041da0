package dev.jwe.servlet;

/** The suite on Jetty 12.1 ee11 (Servlet 6.1), registered from a real web.xml. */
class JettyEe11WebXmlIT extends WebXmlSuite {
    @Override
    ServletContainer container() {
        return new JettyEe11Container();
    }
}
