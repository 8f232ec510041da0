package dev.jwe.jaxrs;

/** The adapter-parity suite on Jersey 4.0 (Jakarta REST 4.0) in Jetty 12.1 ee11 (Servlet 6.1). */
class JerseyEe11ParityIT extends JerseyParityIT {
    @Override
    ServletHost host() {
        return new JettyEe11Host();
    }
}
