package dev.jwe.samples.ee;

/** The suite on Payara Micro. */
class PayaraMicroIT extends EeServerSuite {
    @Override
    EeServer newServer() {
        return new PayaraMicroServer();
    }

    @Override
    int lateFilterStatus() {
        return 503;
    }
}
