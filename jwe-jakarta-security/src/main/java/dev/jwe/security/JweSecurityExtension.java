package dev.jwe.security;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;

/**
 * Adds {@link JweAuthenticationMechanism} as a bean when, and only when, a discovered class
 * carries {@link JweAuthenticationMechanismDefinition}. This jar is not a bean archive, so the
 * mechanism is never picked up on its own. Found by the container in {@code META-INF/services};
 * not for applications to use.
 */
public final class JweSecurityExtension implements Extension {
    private volatile boolean requested;

    /** For {@link java.util.ServiceLoader}. */
    public JweSecurityExtension() {
    }

    <T> void find(@Observes @WithAnnotations(JweAuthenticationMechanismDefinition.class) ProcessAnnotatedType<T> event) {
        if (event.getAnnotatedType().isAnnotationPresent(JweAuthenticationMechanismDefinition.class)) {
            requested = true;
        }
    }

    void enable(@Observes AfterTypeDiscovery event) {
        if (requested) {
            event.addAnnotatedType(JweAuthenticationMechanism.class, JweAuthenticationMechanism.class.getName());
        }
    }
}
