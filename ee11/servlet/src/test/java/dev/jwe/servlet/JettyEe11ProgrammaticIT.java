package dev.jwe.servlet;

/** The suite on Jetty 12.1 ee11 (Servlet 6.1), registered in code. */
class JettyEe11ProgrammaticIT extends ProgrammaticSuite {
    @Override
    ServletContainer container() {
        return new JettyEe11Container();
    }
}
