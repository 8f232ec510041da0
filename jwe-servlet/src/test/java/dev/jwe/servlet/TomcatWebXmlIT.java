package dev.jwe.servlet;

/** The suite on Tomcat, registered from a real web.xml. */
class TomcatWebXmlIT extends WebXmlSuite {
    @Override
    ServletContainer container() {
        return new TomcatContainer();
    }
}
