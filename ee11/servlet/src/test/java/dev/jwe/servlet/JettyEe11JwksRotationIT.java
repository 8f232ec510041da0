package dev.jwe.servlet;

/** The key rotation on Jetty 12.1 ee11 (Servlet 6.1), from a real web.xml. */
class JettyEe11JwksRotationIT extends JwksRotationSuite {
    @Override
    ServletContainer container() {
        return new JettyEe11Container();
    }
}
