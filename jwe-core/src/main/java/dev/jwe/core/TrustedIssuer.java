package dev.jwe.core;

import dev.jwe.core.settings.IssuerSettings;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One issuer among several ({@code jwe.issuers}), trusted only with its own verification keys:
 * the {@code iss} of a token, read from the decrypted JWS before its signature is checked,
 * selects the issuer, and only that issuer's keys may verify the token; an {@code iss} that no
 * trusted issuer has is rejected ({@link Reason#INVALID_ISSUER}) before any signature work.
 * Audience, principal, roles and scope claims and the token type may differ per issuer; each
 * one not set here is the validator's ({@code jwe.audience}, {@code jwe.principal-claim}, ...).
 *
 * <pre>{@code
 * JweTokenValidator.builder().decryptionKeys(keys).audience("orders-api")
 *         .trustedIssuer(TrustedIssuer.builder("kc", "https://sso.example/realms/main")
 *                 .verificationKeys(KeySources.discovery("https://sso.example/realms/main").build())
 *                 .rolesClaim("realm_access.roles").build())
 *         .trustedIssuer(TrustedIssuer.builder("partner", "https://login.partner.example")
 *                 .verificationKeys(KeySources.builder("partner-keys.jwks.json").build())
 *                 .audience("partner-api").scopeClaim("scp").build())
 *         .build();
 * }</pre>
 * Immutable and thread-safe.
 */
public final class TrustedIssuer {
    private final String name;
    private final String issuer;
    private final KeySource verificationKeys;
    private final List<String> audiences;
    private final List<String> principalClaims;
    private final List<String> rolesClaims;
    private final List<String> scopeClaims;
    private final String tokenType;

    private TrustedIssuer(Builder b) {
        this.name = b.name;
        this.issuer = b.issuer;
        this.verificationKeys = b.verificationKeys;
        this.audiences = b.audiences;
        this.principalClaims = b.principalClaims;
        this.rolesClaims = b.rolesClaims;
        this.scopeClaims = b.scopeClaims;
        this.tokenType = b.tokenType;
    }

    /**
     * @param name the issuer's name, as listed in {@code jwe.issuers} (lower case letters, digits,
     *     dashes); configuration errors name its settings, e.g. {@code jwe.issuers.kc.audience}
     * @param issuer the exact {@code iss} of its tokens
     * @return a builder
     */
    public static Builder builder(String name, String issuer) {
        return new Builder(Objects.requireNonNull(name, "name"), Objects.requireNonNull(issuer, "issuer"));
    }

    /** For {@code jwe.issuer} without verification keys: each issuer discovered, named by that setting. */
    static TrustedIssuer fromIssuerSetting(String issuer, KeySource discovered) {
        Builder b = new Builder(null, issuer);
        return b.verificationKeys(discovered).build();
    }

    /** The name, or {@code null} for an issuer of {@code jwe.issuer}. */
    String name() {
        return name;
    }

    /** The exact {@code iss}. */
    public String issuer() {
        return issuer;
    }

    /**
     * The setting a message or a health entry names for this issuer: {@code jwe.issuers.<name>.<suffix>},
     * or the global setting for an issuer of {@code jwe.issuer}.
     */
    String setting(String suffix, String global) {
        return name == null ? global : "jwe.issuers." + name + "." + suffix;
    }

    KeySource verificationKeys() {
        return verificationKeys;
    }

    List<String> audiences() {
        return audiences;
    }

    List<String> principalClaims() {
        return principalClaims;
    }

    List<String> rolesClaims() {
        return rolesClaims;
    }

    List<String> scopeClaims() {
        return scopeClaims;
    }

    String tokenType() {
        return tokenType;
    }

    @Override
    public String toString() {
        return (name == null ? "" : name + "=") + issuer;
    }

    /**
     * Builds a {@link TrustedIssuer}. Setters reject {@code null}; {@link #build()} checks the name
     * and that verification keys are given. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private final String issuer;
        private KeySource verificationKeys;
        private List<String> audiences;
        private List<String> principalClaims;
        private List<String> rolesClaims;
        private List<String> scopeClaims;
        private String tokenType;

        private Builder(String name, String issuer) {
            this.name = name;
            this.issuer = issuer;
        }

        /**
         * The keys that verify this issuer's tokens, and no other issuer's
         * ({@code jwe.issuers.<name>.verification.keys}); required. For keys found from the
         * issuer's metadata: {@link KeySources#discovery(String)}.
         *
         * @param keys public or secret keys
         * @return this
         */
        public Builder verificationKeys(KeySource keys) {
            this.verificationKeys = Objects.requireNonNull(keys, "verificationKeys");
            return this;
        }

        /**
         * The audiences this issuer's tokens must name one of ({@code jwe.issuers.<name>.audience});
         * default the validator's.
         *
         * @param audiences one or more audiences
         * @return this
         */
        public Builder audiences(Collection<String> audiences) {
            this.audiences = NameLists.copy(audiences, "audiences");
            return this;
        }

        /**
         * @param audiences one or more audiences
         * @return this
         * @see #audiences(Collection)
         */
        public Builder audience(String... audiences) {
            return audiences(Arrays.asList(Objects.requireNonNull(audiences, "audiences")));
        }

        /**
         * The claim, or comma-separated claims in order of preference, naming the principal
         * ({@code jwe.issuers.<name>.principal-claim}); default the validator's.
         *
         * @param claims the claim name(s)
         * @return this
         */
        public Builder principalClaim(String claims) {
            this.principalClaims = NameLists.commaSeparated(Objects.requireNonNull(claims, "principalClaim"));
            return this;
        }

        /**
         * The claim(s) holding roles, comma-separated, dotted paths allowed, merged
         * ({@code jwe.issuers.<name>.roles-claim}); default the validator's.
         *
         * @param claims the claim name(s)
         * @return this
         */
        public Builder rolesClaim(String claims) {
            this.rolesClaims = NameLists.commaSeparated(Objects.requireNonNull(claims, "rolesClaim"));
            return this;
        }

        /**
         * The claim(s) holding scopes, comma-separated, merged ({@code jwe.issuers.<name>.scope-claim});
         * default the validator's.
         *
         * @param claims the claim name(s)
         * @return this
         */
        public Builder scopeClaim(String claims) {
            this.scopeClaims = NameLists.commaSeparated(Objects.requireNonNull(claims, "scopeClaim"));
            return this;
        }

        /**
         * The required {@code typ} of this issuer's tokens ({@code jwe.issuers.<name>.token-type});
         * default the validator's.
         *
         * @param type the type, e.g. {@code at+jwt}
         * @return this
         */
        public Builder tokenType(String type) {
            this.tokenType = Objects.requireNonNull(type, "tokenType");
            return this;
        }

        /**
         * @return the issuer
         * @throws ConfigurationException naming the setting: a malformed name, a blank issuer, no keys
         */
        public TrustedIssuer build() {
            if (name != null && !IssuerSettings.isValidName(name)) {
                throw new ConfigurationException("jwe.issuers", "'" + name
                        + "' is not a valid issuer name: lower case letters, digits and inner dashes");
            }
            String where = name == null ? "jwe.issuer" : "jwe.issuers." + name + ".issuer";
            if (issuer.isBlank()) {
                throw new ConfigurationException(where, "must not be blank");
            }
            if (verificationKeys == null) {
                throw new ConfigurationException(name == null ? "jwe.verification.keys"
                        : "jwe.issuers." + name + ".verification.keys", "required: the keys of issuer " + issuer);
            }
            return new TrustedIssuer(this);
        }
    }
}
