package dev.jwe.servlet;

/** The suite on Jetty, registered in code. */
class JettyProgrammaticIT extends ProgrammaticSuite {
    @Override
    ServletContainer container() {
        return new JettyContainer();
    }
}
