package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.JoseCrypto;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Makes nested tokens: signs a claims set (JWS), then encrypts it (JWE with {@code cty: JWT}).
 * For tests, samples and the CLI; a production issuer is normally an identity provider.
 * Immutable and thread-safe once built.
 */
public final class TokenIssuer {
    private final KeyEntry encryptionKey;
    private final String alg;
    private final String enc;
    private final KeyEntry signingKey;
    private final String sigAlg;
    private final String type;

    private TokenIssuer(Builder b) {
        this.encryptionKey = b.encryptionKey;
        this.alg = b.alg != null ? b.alg : KeyFit.issuedKeyManagement(encryptionKey);
        this.enc = b.enc;
        this.signingKey = b.signingKey;
        this.sigAlg = signingKey == null ? null : b.sigAlg != null ? b.sigAlg : KeyFit.issuedSignature(signingKey);
        this.type = b.type;
    }

    /**
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder of a claims map
     */
    public static ClaimsBuilder claims() {
        return new ClaimsBuilder(Clock.systemUTC());
    }

    /**
     * @param clock the clock for {@code iat} and {@code exp}
     * @return a builder of a claims map
     */
    public static ClaimsBuilder claims(Clock clock) {
        return new ClaimsBuilder(clock);
    }

    /**
     * Signs (unless built unsigned) and encrypts the claims.
     *
     * @param claims the claims set
     * @return the compact JWE
     */
    public String issue(Map<String, ?> claims) {
        String claimsJson = dev.jwe.core.internal.Json.write(claims);
        String payload;
        String cty = null;
        if (signingKey != null) {
            payload = JoseCrypto.sign(claimsJson, sigAlg, signingKey.key(), signingKey.kid().orElse(null), type);
            cty = "JWT";
        } else {
            payload = claimsJson;
        }
        return JoseCrypto.encrypt(payload, alg, enc, encryptionKey.key(), encryptionKey.publicKey().orElse(null),
                encryptionKey.kid().orElse(null), cty);
    }

    /** Builds a {@link TokenIssuer}. Not thread-safe. */
    public static final class Builder {
        private KeyEntry encryptionKey;
        private String alg;
        private String enc = "A256GCM";
        private KeyEntry signingKey;
        private String sigAlg;
        private String type;
        private boolean unsigned;

        private Builder() {
        }

        /**
         * The recipient's key: public (RSA, EC) or secret (AES, dir). Required.
         *
         * @param key the key (its kid goes into the JWE header)
         * @return this
         */
        public Builder encryptionKey(KeyEntry key) {
            this.encryptionKey = Objects.requireNonNull(key, "encryptionKey");
            return this;
        }

        /**
         * The JWE {@code alg}; default from the key (RSA-OAEP-256, ECDH-ES+A256KW, A*KW, dir).
         *
         * @param alg the algorithm
         * @return this
         */
        public Builder keyManagementAlgorithm(String alg) {
            this.alg = Objects.requireNonNull(alg, "keyManagementAlgorithm");
            return this;
        }

        /**
         * The JWE {@code enc}; default A256GCM.
         *
         * @param enc the algorithm
         * @return this
         */
        public Builder contentEncryptionAlgorithm(String enc) {
            this.enc = Objects.requireNonNull(enc, "contentEncryptionAlgorithm");
            return this;
        }

        /**
         * The issuer's signing key: private (RSA, EC, EdDSA) or secret (HMAC).
         *
         * @param key the key (its kid goes into the JWS header)
         * @return this
         */
        public Builder signingKey(KeyEntry key) {
            this.signingKey = Objects.requireNonNull(key, "signingKey");
            return this;
        }

        /**
         * The JWS {@code alg}; default from the key (RS256, ES256/384/512, EdDSA, HS256).
         *
         * @param alg the algorithm
         * @return this
         */
        public Builder signatureAlgorithm(String alg) {
            this.sigAlg = Objects.requireNonNull(alg, "signatureAlgorithm");
            return this;
        }

        /**
         * The inner {@code typ}, e.g. {@code at+jwt}.
         *
         * @param type the type
         * @return this
         */
        public Builder type(String type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Encrypts the claims without signing them (only for symmetric key management).
         *
         * @return this
         */
        public Builder unsigned() {
            this.unsigned = true;
            return this;
        }

        /**
         * @return the issuer
         * @throws IllegalArgumentException naming the option when the combination is invalid
         */
        public TokenIssuer build() {
            if (encryptionKey == null) {
                throw new IllegalArgumentException("encryptionKey: required");
            }
            if (signingKey == null && !unsigned) {
                throw new IllegalArgumentException("signingKey: required (or unsigned() for symmetric key management)");
            }
            if (signingKey != null && unsigned) {
                throw new IllegalArgumentException("signingKey: set together with unsigned(); choose one");
            }
            String a = alg != null ? alg : KeyFit.issuedKeyManagement(encryptionKey);
            if (Algorithms.isForbidden(a) || !Algorithms.KEY_MANAGEMENT.contains(a)) {
                throw new IllegalArgumentException("keyManagementAlgorithm: unsupported " + a);
            }
            if (!Algorithms.CONTENT_ENCRYPTION.contains(enc)) {
                throw new IllegalArgumentException("contentEncryptionAlgorithm: unsupported " + enc);
            }
            if (unsigned && Algorithms.isPublicKeyManagement(a)) {
                throw new IllegalArgumentException("unsigned: not possible with " + a
                        + " (tokens encrypted to a public key must be signed)");
            }
            if (sigAlg != null && (Algorithms.isForbidden(sigAlg) || !Algorithms.SIGNATURE.contains(sigAlg))) {
                throw new IllegalArgumentException("signatureAlgorithm: unsupported " + sigAlg);
            }
            return new TokenIssuer(this);
        }
    }

    /** Builds a claims map with the registered claims. Not thread-safe. */
    public static final class ClaimsBuilder {
        private final Clock clock;
        private final Map<String, Object> claims = new LinkedHashMap<>();

        private ClaimsBuilder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * @param iss the issuer
         * @return this
         */
        public ClaimsBuilder issuer(String iss) {
            return claim("iss", iss);
        }

        /**
         * @param sub the subject
         * @return this
         */
        public ClaimsBuilder subject(String sub) {
            return claim("sub", sub);
        }

        /**
         * @param aud one audience (a string) or several (an array)
         * @return this
         */
        public ClaimsBuilder audience(String... aud) {
            return claim("aud", aud.length == 1 ? aud[0] : List.of(aud));
        }

        /**
         * Sets {@code iat} to now and {@code exp} to now plus {@code ttl}, plus a random {@code jti}.
         *
         * @param ttl the lifetime
         * @return this
         */
        public ClaimsBuilder expiresIn(Duration ttl) {
            long now = clock.instant().getEpochSecond();
            claim("iat", now);
            claim("exp", now + ttl.getSeconds());
            claims.putIfAbsent("jti", UUID.randomUUID().toString());
            return this;
        }

        /**
         * @param roles the roles (claim {@code groups})
         * @return this
         */
        public ClaimsBuilder roles(Collection<String> roles) {
            return claim("groups", List.copyOf(roles));
        }

        /**
         * @param scopes the scopes (claim {@code scope}, space-separated)
         * @return this
         */
        public ClaimsBuilder scopes(Collection<String> scopes) {
            return claim("scope", String.join(" ", scopes));
        }

        /**
         * @param name claim name
         * @param value claim value (String, Number, Boolean, List, Map)
         * @return this
         */
        public ClaimsBuilder claim(String name, Object value) {
            claims.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param name claim name to remove
         * @return this
         */
        public ClaimsBuilder without(String name) {
            claims.remove(name);
            return this;
        }

        /**
         * @return a copy of the claims
         */
        public Map<String, Object> build() {
            return new LinkedHashMap<>(claims);
        }
    }
}
