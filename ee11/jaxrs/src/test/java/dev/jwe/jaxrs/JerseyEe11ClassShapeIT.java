package dev.jwe.jaxrs;

/** {@link ClassShapeSuite} on Jersey 4.0 (Jakarta REST 4.0) in Jetty 12.1 ee11 (Servlet 6.1). */
class JerseyEe11ClassShapeIT extends JerseyClassShapeIT {
    @Override
    ServletHost host() {
        return new JettyEe11Host();
    }
}
