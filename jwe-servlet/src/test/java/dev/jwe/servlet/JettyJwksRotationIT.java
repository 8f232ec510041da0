package dev.jwe.servlet;

/** The key rotation on Jetty, from a real web.xml. */
class JettyJwksRotationIT extends JwksRotationSuite {
    @Override
    ServletContainer container() {
        return new JettyContainer();
    }
}
