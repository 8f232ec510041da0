package dev.jwe.servlet;

/** The suite on Tomcat, registered in code. */
class TomcatProgrammaticIT extends ProgrammaticSuite {
    @Override
    ServletContainer container() {
        return new TomcatContainer();
    }
}
