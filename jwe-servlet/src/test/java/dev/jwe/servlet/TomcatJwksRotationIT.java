package dev.jwe.servlet;

/** The key rotation on Tomcat, from a real web.xml. */
class TomcatJwksRotationIT extends JwksRotationSuite {
    @Override
    ServletContainer container() {
        return new TomcatContainer();
    }
}
