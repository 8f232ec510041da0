package dev.jwe.core;

import dev.jwe.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The validator for encrypted JWT access tokens: a signed JWT (JWS) nested in a JWE (RFC 7519
 * §5.2, §11.2), checked in this order, cheap checks first:
 * <ol>
 *   <li>length cap (default 16 KiB);</li>
 *   <li>strict compact form: five strict base64url segments, header size and depth caps;</li>
 *   <li>header policy: {@code alg} and {@code enc} in the allow-lists; no {@code zip},
 *       {@code crit}, {@code jku}, {@code x5u}, {@code jwk}, {@code x5c}, {@code b64}; {@code cty}
 *       says JWT;
 *       IV and tag of the exact length for {@code enc};</li>
 *   <li>key by {@code kid} (unknown kid is rejected); without {@code kid}, at most three keys
 *       whose type and size fit {@code alg};</li>
 *   <li>decryption;</li>
 *   <li>exactly one JWS inside the JWE, its {@code alg} in the allow-list, verified with a key found
 *       by its own {@code kid}; an unsigned payload is never accepted under public-key key
 *       management (RSA-OAEP*, ECDH-ES*), and under symmetric key management only after
 *       {@link Builder#allowUnsignedWithSymmetricKeyManagement()};</li>
 *   <li>claims: {@code exp} required, {@code nbf}, {@code iat} not in the future, maximum
 *       lifetime, {@code iss}, {@code aud}, {@code typ}, required claims, with bounded clock skew;</li>
 *   <li>the {@link RevocationStore}, also on verified-token cache hits: not revoked
 *       ({@link Reason#REVOKED}), and for one-time tokens not used before ({@link Reason#REPLAYED}).</li>
 * </ol>
 * RSA1_5, PBES2-*, {@code none} and {@code zip} are refused, with no option to allow them.
 *
 * <p>Build one with {@link #builder()} at start-up and share it: instances are immutable and
 * thread-safe. Each call emits exactly one {@link AuditEvent}.
 */
public final class JweTokenValidator implements SingleUseTokenValidator, AuditTrail.Source {
    // Where each step lives (all package-private, each with its own tests): PolicyCompiler turns
    // the Builder into a ValidationPolicy and a ValidatorState (cache, store, counters, audit);
    // ValidationPipeline runs the stages in order: TokenForm, JweHeader + HeaderPolicy,
    // KeySelection + Decryption, NestedJws, TokenClaims + ClaimsCheck + PrincipalExtraction,
    // RevocationCheck, and assembles the audit event from their results (AuditFacts).
    private final ValidationPolicy policy;
    private final ValidatorState state;
    private final ValidationPipeline pipeline;

    private JweTokenValidator(ValidationPolicy policy, ValidatorState state) {
        this.policy = policy;
        this.state = state;
        this.pipeline = new ValidationPipeline(policy, state);
    }

    /**
     * The one entry point.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The effective policy, for start-up logs; contains no secret. */
    public String describePolicy() {
        return policy.describe(state);
    }

    /**
     * The crypto provider in use ({@code jwe.crypto.provider}), for health endpoints.
     *
     * @return {@code JDK}, or the provider's name and version
     */
    public String cryptoProvider() {
        return policy.jca().describe();
    }

    /**
     * The state of every key location (decryption, then verification), for health endpoints.
     *
     * @return one snapshot per location
     */
    public List<KeySourceHealth> keyHealth() {
        List<KeySourceHealth> out = new ArrayList<>();
        keyHealthBySetting().values().forEach(out::addAll);
        return List.copyOf(out);
    }

    /**
     * The state of the key locations by setting: {@code jwe.decryption.keys}, then {@code jwe.verification.keys}
     * when set, or each trusted issuer's ({@code jwe.issuers.<name>.verification.keys}; {@code jwe.issuer} for
     * issuers discovered from it); each list in the order of the setting's locations (for metrics that
     * name a location by setting and index, never by path or URL).
     *
     * @return one snapshot per location, by setting name
     */
    public Map<String, List<KeySourceHealth>> keyHealthBySetting() {
        Map<String, List<KeySourceHealth>> out = new LinkedHashMap<>();
        out.put(CoreSettings.DECRYPTION_KEYS.name(), List.copyOf(policy.decryptionKeys().health()));
        if (policy.verificationKeys() != null) {
            out.put(CoreSettings.VERIFICATION_KEYS.name(), List.copyOf(policy.verificationKeys().health()));
        }
        for (IssuerTrust.Issuer i : policy.trustedIssuers()) {
            out.merge(i.keysSetting(), i.verificationKeys().health(), (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Size, hits, misses and evictions of the decision caches since start-up: {@code verified},
     * then {@code rejected} when {@code jwe.cache.reject-ttl} is not zero; empty with the cache off
     * ({@code jwe.cache.max-entries=0}). For metrics and health.
     *
     * @return one snapshot per cache
     */
    public List<CacheStatistics> cacheStatistics() {
        return state.cache() == null ? List.of() : state.cache().statistics();
    }

    /**
     * The store this validator consults: the admin hook to revoke a token ({@code jti}) or a
     * subject, e.g. {@code validator.revocationStore().revoke(verifiedToken)}.
     *
     * @return the store
     */
    public RevocationStore revocationStore() {
        return state.revocation().store;
    }

    /**
     * Tokens accepted without a store answer because the store failed and its mode is fail-open
     * ({@code jwe.revocation.fail-open}, {@code jwe.replay.fail-open}), since start-up; for
     * health checks and metrics.
     *
     * @return the count
     */
    public long failOpenCount() {
        return state.revocation().failOpenPasses();
    }

    /** Number of cached verified tokens (0 with the cache off); for tests and health checks. */
    long cachedTokenCount() {
        return state.cachedTokenCount();
    }

    /**
     * The audit trail of this validator (its listener and clock): adapters record there the
     * attempts that never reach {@link #validate} (no token, a malformed header) or fail after it
     * (a missing role or scope).
     *
     * @return the trail
     */
    @Override
    public AuditTrail auditTrail() {
        return state.audit();
    }

    @Override
    public String toString() {
        return "JweTokenValidator[" + policy.describe(state) + "]";
    }

    @Override
    public VerifiedToken validate(String token, RequestInfo request) throws TokenRejectedException {
        return pipeline.validate(token, request, false);
    }

    @Override
    public VerifiedToken validateSingleUse(String token, RequestInfo request) throws TokenRejectedException {
        return pipeline.validate(token, request, true);
    }

    /**
     * Builds a {@link JweTokenValidator}. Setters reject {@code null} at once; {@link #build()}
     * checks every option and combination and fails with a {@link ConfigurationException} naming
     * the setting. Not thread-safe; use once.
     */
    public static final class Builder extends ValidatorInputs {
        private Builder() {
        }

        /**
         * The deny-list and one-time-use register consulted on every validation, also on cache
         * hits. Default: an {@link InMemoryRevocationStore} on this builder's clock, which serves
         * one process only; replicas need a shared store (module {@code jwe-jcache}). The caller
         * keeps ownership (closing it is the caller's job).
         *
         * @param store the store
         * @return this
         */
        public Builder revocationStore(RevocationStore store) {
            this.revocationStore = Objects.requireNonNull(store, "revocationStore");
            this.revocationStoreFactory = null;
            return this;
        }

        /** For {@link JweSettings}: the store is made in {@link #build()}, on the final clock. */
        Builder revocationStore(Function<Clock, RevocationStore> factory) {
            this.revocationStoreFactory = Objects.requireNonNull(factory, "revocationStore");
            this.revocationStore = null;
            return this;
        }

        /**
         * Answers 503 ({@link RevocationStoreException}) when the store cannot say whether a token
         * is revoked ({@code jwe.revocation.fail-open=false}). The default is fail-open: the token
         * is accepted, with a loud log line (at most one a minute) and {@link JweTokenValidator#failOpenCount()}
         * counting; a store outage then does not take the API down, at the price of honouring
         * revoked tokens while it lasts.
         *
         * @return this
         */
        public Builder revocationFailClosed() {
            this.revocationFailOpen = false;
            return this;
        }

        /**
         * Makes every token one-time ({@code jwe.replay.protect=true}): a second use of the same
         * {@code jti} within its lifetime is rejected as {@link Reason#REPLAYED}, across every
         * validator sharing the store; a token without {@code jti} as {@link Reason#MISSING_CLAIM};
         * a token that would outlive the store's replay window ({@code jwe.replay.window}) as
         * {@link Reason#LIFETIME_TOO_LONG}. Without it, {@link JweTokenValidator#validateSingleUse} asks for one-time
         * use per call (per path in the adapters).
         *
         * @return this
         */
        public Builder replayProtection() {
            this.replayProtection = true;
            return this;
        }

        /**
         * Accepts a one-time token when the store cannot record its use
         * ({@code jwe.replay.fail-open=true}); logged and counted, and logged at start-up. The
         * default is fail-closed (503): a replay check that lets tokens through when the store
         * is down protects nothing.
         *
         * @return this
         */
        public Builder replayFailOpen() {
            this.replayFailOpen = true;
            return this;
        }

        /**
         * Size of the verified-token cache ({@code jwe.cache.max-entries}); default 10000; 0 turns
         * the cache off. The same bound applies to the cache of rejections.
         *
         * @param maxEntries the bound
         * @return this
         */
        public Builder cacheMaxEntries(int maxEntries) {
            this.cacheMaxEntries = maxEntries;
            return this;
        }

        /**
         * Longest time a verified token stays cached ({@code jwe.cache.max-ttl}); default 5 min;
         * a token is never accepted from the cache after its {@code exp} (a hit re-checks it and
         * drops the entry).
         *
         * @param ttl the bound
         * @return this
         */
        public Builder cacheMaxTtl(Duration ttl) {
            this.cacheMaxTtl = Objects.requireNonNull(ttl, "cacheMaxTtl");
            return this;
        }

        /**
         * How long a rejection that cost a decryption is remembered ({@code jwe.cache.reject-ttl});
         * default 30 s; zero turns it off.
         *
         * @param ttl the time
         * @return this
         */
        public Builder cacheRejectTtl(Duration ttl) {
            this.cacheRejectTtl = Objects.requireNonNull(ttl, "cacheRejectTtl");
            return this;
        }

        /**
         * The keys that decrypt tokens ({@code jwe.decryption.keys}). Required.
         *
         * @param keys private or secret keys
         * @return this
         */
        public Builder decryptionKeys(KeySource keys) {
            this.decryptionKeys = Objects.requireNonNull(keys, "decryptionKeys");
            return this;
        }

        /**
         * The keys that verify the inner signature ({@code jwe.verification.keys}). Required unless
         * unsigned tokens are allowed and all key management is symmetric.
         *
         * @param keys public or secret keys (the public half of a private key is used)
         * @return this
         */
        public Builder verificationKeys(KeySource keys) {
            this.verificationKeys = Objects.requireNonNull(keys, "verificationKeys");
            return this;
        }

        /**
         * The accepted key management algorithms ({@code jwe.key-management-algorithms}). Default:
         * derived from the decryption keys (RSA: RSA-OAEP-256; EC: ECDH-ES*; oct: AES key wrap,
         * AES-GCM key wrap and dir of the key's size). RSA-OAEP only when listed here.
         *
         * @param algorithms JWA names
         * @return this
         */
        public Builder keyManagementAlgorithms(Collection<String> algorithms) {
            this.keyManagementAlgorithms = NameLists.copy(algorithms, "keyManagementAlgorithms");
            return this;
        }

        /**
         * The accepted content encryption algorithms ({@code jwe.content-encryption-algorithms}).
         * Default: A128GCM, A192GCM, A256GCM, A128CBC-HS256, A192CBC-HS384, A256CBC-HS512.
         *
         * @param algorithms JWA names
         * @return this
         */
        public Builder contentEncryptionAlgorithms(Collection<String> algorithms) {
            this.contentEncryptionAlgorithms = NameLists.copy(algorithms, "contentEncryptionAlgorithms");
            return this;
        }

        /**
         * The accepted inner signature algorithms ({@code jwe.signature-algorithms}). Default:
         * derived from the verification keys (HS* only with a symmetric key).
         *
         * @param algorithms JWA names
         * @return this
         */
        public Builder signatureAlgorithms(Collection<String> algorithms) {
            this.signatureAlgorithms = NameLists.copy(algorithms, "signatureAlgorithms");
            return this;
        }

        /**
         * Accepts unsigned claims inside a JWE whose key management is symmetric (dir, A*KW,
         * A*GCMKW): {@code jwe.signature.required=false}. Tokens encrypted to a public key
         * (RSA-OAEP*, ECDH-ES*) must still be signed: no option turns that off. Logged at start-up.
         *
         * @return this
         */
        public Builder allowUnsignedWithSymmetricKeyManagement() {
            this.signatureRequired = false;
            return this;
        }

        /**
         * The accepted issuers, compared exactly ({@code jwe.issuer}).
         *
         * @param issuers one or more issuers
         * @return this
         */
        public Builder issuers(Collection<String> issuers) {
            this.issuers = NameLists.copy(issuers, "issuers");
            return this;
        }

        /**
         * @param issuers one or more issuers
         * @return this; see {@link #issuers(Collection)}
         */
        public Builder issuer(String... issuers) {
            return issuers(Arrays.asList(Objects.requireNonNull(issuers, "issuers")));
        }

        /**
         * Trusts one more issuer with its own keys ({@code jwe.issuers}), instead of {@link #issuers(Collection)}
         * and {@link #verificationKeys(KeySource)}: a token's {@code iss} selects the issuer, only its keys
         * verify the token, another {@code iss} is {@link Reason#INVALID_ISSUER} (see {@link TrustedIssuer}).
         *
         * @param issuer the issuer, its keys and what differs from this builder's settings
         * @return this
         */
        public Builder trustedIssuer(TrustedIssuer issuer) {
            this.trustedIssuers.add(Objects.requireNonNull(issuer, "trustedIssuer"));
            return this;
        }

        /**
         * Does not check {@code iss} ({@code jwe.ignore-issuer=true}); logged at start-up.
         *
         * @return this
         */
        public Builder ignoreIssuer() {
            this.ignoreIssuer = true;
            return this;
        }

        /**
         * The expected audiences; a token must name at least one ({@code jwe.audience}).
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
         * Does not check {@code aud} ({@code jwe.ignore-audience=true}); logged at start-up.
         *
         * @return this
         */
        public Builder ignoreAudience() {
            this.ignoreAudience = true;
            return this;
        }

        /**
         * Allowed clock skew for {@code exp}, {@code nbf}, {@code iat} ({@code jwe.clock-skew});
         * default 30 s, at most 5 min.
         *
         * @param skew the skew
         * @return this
         */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "clockSkew");
            return this;
        }

        /**
         * The longest token accepted, in characters ({@code jwe.max-token-length}); default 16384.
         *
         * @param chars the cap
         * @return this
         */
        public Builder maxTokenLength(int chars) {
            this.maxTokenLength = chars;
            return this;
        }

        /**
         * The longest lifetime accepted, {@code exp} minus {@code iat} (or minus now without
         * {@code iat}) ({@code jwe.max-lifetime}); default none.
         *
         * @param lifetime the cap
         * @return this
         */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = Objects.requireNonNull(lifetime, "maxLifetime");
            return this;
        }

        /**
         * Claims that must be present besides {@code exp} ({@code jwe.required-claims}).
         *
         * @param claims claim names
         * @return this
         */
        public Builder requiredClaims(Collection<String> claims) {
            this.requiredClaims = NameLists.copy(claims, "requiredClaims");
            return this;
        }

        /**
         * The required {@code typ} ({@code jwe.token-type}), e.g. {@code at+jwt} (RFC 9068); read
         * from the inner JWS header, else (only under symmetric key management, where the JWE
         * header is authenticated by the key holder) from the JWE header; compared
         * case-insensitively, with or without {@code application/}.
         *
         * @param type the type
         * @return this
         */
        public Builder tokenType(String type) {
            this.tokenType = Objects.requireNonNull(type, "tokenType");
            return this;
        }

        /**
         * The claim that names the principal ({@code jwe.principal-claim}); default {@code sub}.
         * One name has no fallback: a token without that claim (as a non-empty string) is
         * refused with {@link Reason#MISSING_PRINCIPAL}. A comma-separated list
         * ({@code preferred_username,sub}) is an order of preference, as with
         * {@link #principalClaims(List)}.
         *
         * @param claim the claim name, or a comma-separated list of names
         * @return this
         */
        public Builder principalClaim(String claim) {
            this.principalClaims = NameLists.commaSeparated(Objects.requireNonNull(claim, "principalClaim"));
            return this;
        }

        /**
         * The claims that may name the principal, in order of preference: the first present as a
         * non-empty string wins; none present is {@link Reason#MISSING_PRINCIPAL}.
         *
         * @param claims the claim names, at least one
         * @return this
         */
        public Builder principalClaims(List<String> claims) {
            this.principalClaims = NameLists.trimmed(claims, "principalClaims");
            return this;
        }

        /**
         * The claim holding roles ({@code jwe.roles-claim}); default {@code groups}; a dotted path
         * reaches into nested objects ({@code realm_access.roles}); several, comma-separated, are
         * merged in order without duplicates ({@code realm_access.roles,resource_access.api.roles}).
         *
         * @param claims the claim name or path, or a comma-separated list of them
         * @return this
         */
        public Builder rolesClaim(String claims) {
            this.rolesClaims = NameLists.commaSeparated(Objects.requireNonNull(claims, "rolesClaim"));
            return this;
        }

        /**
         * The claim holding OAuth scopes ({@code jwe.scope-claim}); default {@code scope}, a
         * space-separated string or an array; several, comma-separated, are merged ({@code scope,scp}).
         *
         * @param claims the claim name, or a comma-separated list of names
         * @return this
         */
        public Builder scopeClaim(String claims) {
            this.scopeClaims = NameLists.commaSeparated(Objects.requireNonNull(claims, "scopeClaim"));
            return this;
        }

        /**
         * The clock for time claims; default the system UTC clock.
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The JCA provider of decryption and signature checks ({@code jwe.crypto.provider}):
         * {@code auto} (default), {@code jdk} or a registered provider's name.
         *
         * @param provider the choice
         * @return this
         */
        public Builder cryptoProvider(String provider) {
            this.cryptoProvider = Objects.requireNonNull(provider, "cryptoProvider");
            return this;
        }

        /**
         * Where audit events go; default {@link AuditListener#slf4j()}.
         *
         * @param listener the listener
         * @return this
         */
        public Builder auditListener(AuditListener listener) {
            this.audit = Objects.requireNonNull(listener, "auditListener");
            return this;
        }

        /**
         * Checks everything and builds the validator; logs the effective policy once.
         *
         * @return the validator
         * @throws ConfigurationException naming the setting that is wrong
         */
        public JweTokenValidator build() {
            PolicyCompiler.Compiled compiled = PolicyCompiler.compile(this);
            return new JweTokenValidator(compiled.policy(), compiled.state());
        }
    }
}
