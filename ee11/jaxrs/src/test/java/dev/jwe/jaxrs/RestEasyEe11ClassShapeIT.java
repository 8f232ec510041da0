package dev.jwe.jaxrs;

/** {@link ClassShapeSuite} on RESTEasy 7.0 (Jakarta REST 4.0) in Jetty 12.1 ee11 (Servlet 6.1). */
class RestEasyEe11ClassShapeIT extends RestEasyClassShapeIT {
    @Override
    ServletHost host() {
        return new JettyEe11Host();
    }
}
