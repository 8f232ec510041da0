package dev.jwe.samples.jaxrswar;

import dev.jwe.jaxrs.JweFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The whole security set-up of this WAR: {@link JweFeature} among the classes, and the settings
 * that belong to the application among the properties. The container finds this class by its
 * {@link ApplicationPath}; no web.xml is needed.
 *
 * <p>Settings that belong to the deployment come from the server, read by the feature through the
 * same layers as every jwe adapter (these properties first, then system properties, environment
 * variables, and the properties file named by {@code jwe.config}):
 * <ul>
 *   <li>{@code jwe.decryption.keys} ({@code JWE_DECRYPTION_KEYS}): this application's private
 *       key(s), a PEM, JWKS or PKCS#12 file;</li>
 *   <li>{@code jwe.verification.keys} ({@code JWE_VERIFICATION_KEYS}): the issuer's public
 *       key(s), a file or its {@code https://} JWKS URL;</li>
 *   <li>{@code jwe.issuer} ({@code JWE_ISSUER}): the issuer's {@code iss}.</li>
 * </ul>
 * A missing or misspelt setting fails the deployment with a message that names it.
 */
@ApplicationPath("/api")
public class SampleApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(JweFeature.class, OrdersResource.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(
                // Tokens must name this application in "aud".
                "jwe.audience", "jwe-sample-jaxrs",
                // WWW-Authenticate: Bearer realm="jaxrs-sample"
                "jwe.realm", "jaxrs-sample",
                // Jersey's own switch (a plain string, so the code needs no Jersey API): no WADL.
                "jersey.config.server.wadl.disableWadl", true);
    }
}
