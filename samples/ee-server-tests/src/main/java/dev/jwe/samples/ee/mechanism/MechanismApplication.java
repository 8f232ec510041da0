package dev.jwe.samples.ee.mechanism;

import dev.jwe.security.JweAuthenticationMechanismDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Turns the jwe mechanism on for the whole application; JAX-RS finds the resources itself. The
 * scope makes the class a CDI bean, so that CDI sees the annotation (a plain Application
 * subclass is not discovered in an implicit bean archive).
 */
@ApplicationScoped
@JweAuthenticationMechanismDefinition
@ApplicationPath("/api")
public class MechanismApplication extends Application {
}
