package dev.jwe.samples.demo;

import static dev.jwe.core.settings.CoreSettings.AUDIENCE;
import static dev.jwe.core.settings.CoreSettings.CONTENT_ENCRYPTION_ALGORITHMS;
import static dev.jwe.core.settings.CoreSettings.DECRYPTION_KEYS;
import static dev.jwe.core.settings.CoreSettings.IGNORE_AUDIENCE;
import static dev.jwe.core.settings.CoreSettings.IGNORE_ISSUER;
import static dev.jwe.core.settings.CoreSettings.ISSUER;
import static dev.jwe.core.settings.CoreSettings.ISSUERS;
import static dev.jwe.core.settings.CoreSettings.KEY_MANAGEMENT_ALGORITHMS;
import static dev.jwe.core.settings.CoreSettings.ROLES_CLAIM;
import static dev.jwe.core.settings.CoreSettings.SCOPE_CLAIM;
import static dev.jwe.core.settings.CoreSettings.SIGNATURE_ALGORITHMS;
import static dev.jwe.core.settings.CoreSettings.TOKEN_TYPE;
import static dev.jwe.core.settings.CoreSettings.VERIFICATION_KEYS;

import dev.jwe.core.AuditListener;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.settings.Setting;
import dev.jwe.micrometer.JweMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the demo runs with, decided once at start-up from the {@code jwe.*} settings (system
 * properties, then environment variables, then the {@code jwe.config} file):
 * <ul>
 *   <li>without {@code jwe.decryption.keys}: <em>development keys</em> made in memory (an RSA-2048
 *       encryption key {@value #ENC_KID} and an EC P-256 signing key {@value #SIG_KID}), issuer
 *       {@value #DEV_ISSUER} and audience {@value #DEV_AUDIENCE} unless set, and a
 *       {@link DevTokens} minter for {@code POST /dev/token};</li>
 *   <li>with it: the user's keys, issuer and audience, and no minter.</li>
 * </ul>
 * Either way there is one validator (audit: JSON lines on {@code dev.jwe.audit} and
 * {@link JweMetrics} on a Prometheus registry, with the validation time histogram) shared by the
 * Servlet filter and the JAX-RS feature, bound to the metrics. Immutable.
 */
final class DemoConfig {
    static final String DEV_ISSUER = "https://demo.jwe.dev";
    static final String DEV_AUDIENCE = "jwe-demo";
    static final String ENC_KID = "demo-enc-1";
    static final String SIG_KID = "demo-sig-1";

    private final JweSettings settings;
    private final Metered metered;
    private final KeySource publishedKeys;
    private final DevTokens devTokens;

    private DemoConfig(JweSettings settings, Metered metered, KeySource publishedKeys, DevTokens devTokens) {
        this.settings = settings;
        this.metered = metered;
        this.publishedKeys = publishedKeys;
        this.devTokens = devTokens;
    }

    /**
     * The validator, the same bound to the metrics (for the adapters), and the registry that
     * {@code GET /metrics} reads.
     */
    private record Metered(JweTokenValidator validator, TokenValidator bound, PrometheusMeterRegistry registry) {
        static Metered build(JweTokenValidator.Builder builder) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            JweMetrics metrics = JweMetrics.builder(registry).histogram().build();
            JweTokenValidator validator = builder
                    .auditListener(AuditListener.all(AuditListener.slf4j(), metrics.auditListener())).build();
            return new Metered(validator, metrics.bind(validator), registry);
        }
    }

    /**
     * @param settings the {@code jwe.*} settings
     * @param clock the clock of the validator and of minted tokens
     * @return the configuration
     * @throws ConfigurationException naming the setting when the settings are wrong
     */
    static DemoConfig from(JweSettings settings, Clock clock) {
        Optional<KeySource> decryptionKeys = settings.decryptionKeys();
        if (decryptionKeys.isPresent()) {
            // One key source for the validator and the JWKS endpoint, so that a rotated key file
            // shows up in both.
            Metered metered = Metered.build(settings.toValidatorBuilder().decryptionKeys(decryptionKeys.get())
                    .clock(clock));
            return new DemoConfig(settings, metered, decryptionKeys.get(), null);
        }
        if (settings.find(VERIFICATION_KEYS).isPresent() || settings.find(ISSUERS).isPresent()) {
            String other = settings.find(ISSUERS).isPresent() ? ISSUERS.name() : VERIFICATION_KEYS.name();
            throw new ConfigurationException(DECRYPTION_KEYS.name(), "required when " + other + " is set:"
                    + " set both to use your own keys, or neither for development keys");
        }
        return developmentKeys(settings, clock);
    }

    private static DemoConfig developmentKeys(JweSettings settings, Clock clock) {
        KeyPair rsa = generate("RSA", null);
        KeyPair ec = generate("EC", new ECGenParameterSpec("secp256r1"));
        KeyEntry encryption = KeyEntry.of(ENC_KID, rsa.getPrivate(), rsa.getPublic());
        KeyEntry signing = KeyEntry.of(SIG_KID, ec.getPrivate(), ec.getPublic());
        JweTokenValidator.Builder builder = settings.toValidatorBuilder()
                .clock(clock)
                .decryptionKeys(KeySource.of(encryption))
                .verificationKeys(KeySource.of(KeyEntry.of(SIG_KID, ec.getPublic(), null)));
        String issuer = first(settings, ISSUER).orElse(DEV_ISSUER);
        if (settings.find(ISSUER).isEmpty() && !settings.get(IGNORE_ISSUER)) {
            builder.issuer(DEV_ISSUER);
        }
        String audience = first(settings, AUDIENCE).orElse(DEV_AUDIENCE);
        if (settings.find(AUDIENCE).isEmpty() && !settings.get(IGNORE_AUDIENCE)) {
            builder.audience(DEV_AUDIENCE);
        }
        Metered metered = Metered.build(builder);

        // Tokens that this validator accepts even when the user narrowed the algorithms or renamed claims.
        TokenIssuer.Builder minter = TokenIssuer.builder().encryptionKey(encryption).signingKey(signing);
        first(settings, KEY_MANAGEMENT_ALGORITHMS).ifPresent(minter::keyManagementAlgorithm);
        first(settings, CONTENT_ENCRYPTION_ALGORITHMS).ifPresent(minter::contentEncryptionAlgorithm);
        first(settings, SIGNATURE_ALGORITHMS).ifPresent(minter::signatureAlgorithm);
        settings.find(TOKEN_TYPE).ifPresent(minter::type);
        DevTokens devTokens = new DevTokens(minter.build(), clock, issuer, audience, firstName(settings.get(ROLES_CLAIM)),
                firstName(settings.get(SCOPE_CLAIM)));
        return new DemoConfig(settings, metered, KeySource.of(encryption), devTokens);
    }

    /** The first of a comma-separated list of claims ({@code jwe.roles-claim}): where minted tokens put them. */
    private static String firstName(String claims) {
        return claims.split(",")[0].trim();
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec == null) {
                g.initialize(2048);
            } else {
                g.initialize(spec);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate " + algorithm + " keys", e);
        }
    }

    private static Optional<String> first(JweSettings settings, Setting<List<String>> list) {
        return settings.get(list).stream().findFirst();
    }

    /** The settings the demo was started with (for the start-up summary). */
    JweSettings settings() {
        return settings;
    }

    /** The one validator: its policy, key health and revocation store. */
    JweTokenValidator validator() {
        return metered.validator();
    }

    /** The validator bound to the metrics, shared by the Servlet filter and the JAX-RS feature. */
    TokenValidator meteredValidator() {
        return metered.bound();
    }

    /** The registry behind {@code GET /metrics}. */
    PrometheusMeterRegistry meterRegistry() {
        return metered.registry();
    }

    /** The decryption keys whose public halves {@code /.well-known/jwks.json} publishes. */
    KeySource publishedKeys() {
        return publishedKeys;
    }

    /** {@code jwe.key-management-algorithms}, from which the JWKS servlet names a key's {@code alg}; empty when derived. */
    List<String> keyManagementAlgorithms() {
        return settings.get(KEY_MANAGEMENT_ALGORITHMS);
    }

    /** The minter behind {@code POST /dev/token}; empty when the user configured keys. */
    Optional<DevTokens> devTokens() {
        return Optional.ofNullable(devTokens);
    }

    /**
     * Mints nested tokens (signed, then encrypted) with the development keys. Immutable.
     *
     * @param issuer the token issuer
     * @param clock the clock for {@code iat} and {@code exp}
     * @param iss the {@code iss} claim
     * @param aud the {@code aud} claim
     * @param rolesClaim where the roles go (a dotted path reaches into objects)
     * @param scopeClaim where the space-separated scopes go
     */
    record DevTokens(TokenIssuer issuer, Clock clock, String iss, String aud, String rolesClaim, String scopeClaim) {

        /**
         * @param request what was asked for
         * @return the compact JWE
         */
        String mint(TokenRequest request) {
            TokenIssuer.ClaimsBuilder claims = TokenIssuer.claims(clock).issuer(iss).audience(aud)
                    .subject(request.subject()).expiresIn(request.ttl());
            if (!request.roles().isEmpty()) {
                String[] path = rolesClaim.split("\\.");
                Object value = request.roles();
                for (int i = path.length - 1; i > 0; i--) {
                    Map<String, Object> parent = new LinkedHashMap<>();
                    parent.put(path[i], value);
                    value = parent;
                }
                claims.claim(path[0], value);
            }
            if (!request.scopes().isEmpty()) {
                claims.claim(scopeClaim, String.join(" ", request.scopes()));
            }
            if (request.dpopJkt() != null) {
                claims.claim("cnf", Map.of("jkt", request.dpopJkt()));
            }
            return issuer.issue(claims.build());
        }
    }
}
