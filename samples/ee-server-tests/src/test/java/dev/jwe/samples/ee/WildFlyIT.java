package dev.jwe.samples.ee;

/** The suite on WildFly (standalone.xml with integrated-jaspi=false for Jakarta Security). */
class WildFlyIT extends EeServerSuite {
    @Override
    EeServer newServer() {
        return new WildFlyServer();
    }

    @Override
    int lateFilterStatus() {
        return 500;
    }
}
