package dev.jwe.core;

import dev.jwe.core.internal.TokenDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A token whose encryption, inner signature and claims have all been verified. Immutable and
 * thread-safe; it can only be made inside jwe-core, so holding one proves validation happened.
 * {@link #toString()} shows metadata only (sub, iss, jti, exp, key ids), never other claims.
 */
public final class VerifiedToken {
    // A cache hit makes a new, small VerifiedToken around the cached TokenFacts: the cache holds
    // compact facts and the claims' JSON text, and the map is parsed only when asked for.
    private final TokenFacts facts;
    private final String principalName;
    private final String subject;
    private final String jwtId;
    private final boolean cached;
    /** The digest of a cache hit, for a fingerprint formatted only when asked for; else {@code null}. */
    private final TokenDigest digest;
    private volatile Map<String, Object> claims;
    private volatile TokenMetadata metadata;

    VerifiedToken(String principalName, String subject, String issuer, List<String> audiences, Instant expiresAt,
            Instant issuedAt, Instant notBefore, String jwtId, Set<String> scopes, Set<String> roles,
            Map<String, Object> claims, TokenMetadata metadata) {
        this(new TokenFacts(principalName, subject, issuer, jwtId, List.copyOf(audiences),
                Collections.unmodifiableSet(scopes), Collections.unmodifiableSet(roles),
                expiresAt.getEpochSecond(), TokenFacts.seconds(issuedAt), TokenFacts.seconds(notBefore),
                new TokenFacts.Protection(metadata.keyId(), metadata.keyManagementAlgorithm(),
                        metadata.contentEncryptionAlgorithm(), metadata.signingKeyId(), metadata.signatureAlgorithm(),
                        null, null), confirmationOf(claims), null), claims, metadata);
    }

    /** The {@code cnf} of claims given whole (outside the pipeline, which refuses a malformed one). */
    private static TokenFacts.Confirmation confirmationOf(Map<String, Object> claims) {
        try {
            return TokenFacts.Confirmation.read(claims.get("cnf"));
        } catch (TokenRejectedException e) {
            return null;
        }
    }

    /**
     * A freshly validated token.
     *
     * @param facts its facts
     * @param claims its claims, deeply unmodifiable
     * @param metadata its metadata
     */
    VerifiedToken(TokenFacts facts, Map<String, Object> claims, TokenMetadata metadata) {
        this.facts = facts;
        this.subject = facts.subject();
        this.principalName = facts.principalName(subject);
        this.jwtId = facts.jwtId();
        this.cached = metadata.cached();
        this.digest = null;
        this.claims = claims;
        this.metadata = metadata;
    }

    /**
     * A token served from the verified-token cache.
     *
     * @param facts the cached facts, with the claims' JSON text
     * @param digest the token's digest
     */
    VerifiedToken(TokenFacts facts, TokenDigest digest) {
        this.facts = facts;
        this.subject = facts.subject();
        this.principalName = facts.principalName(subject);
        this.jwtId = facts.jwtId();
        this.cached = true;
        this.digest = digest;
    }

    /** The compact facts, for the cache. */
    TokenFacts facts() {
        return facts;
    }

    /** {@code exp} in epoch seconds, for the re-check on a cache hit. */
    long expiresAtSecond() {
        return facts.expiresAt;
    }

    /** {@code nbf} in epoch seconds, or {@link TokenFacts#ABSENT}. */
    long notBeforeSecond() {
        return facts.notBefore;
    }

    /** The principal name: the configured principal claim ({@code sub} by default). */
    public String principalName() {
        return principalName;
    }

    /** The {@code sub} claim, if present. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** The {@code iss} claim, if present. */
    public Optional<String> issuer() {
        return Optional.ofNullable(facts.issuer);
    }

    /** The {@code aud} claim as a list (empty when absent). */
    public List<String> audiences() {
        return facts.audiences;
    }

    /** The {@code exp} claim (always present on a verified token). */
    public Instant expiresAt() {
        return Instant.ofEpochSecond(facts.expiresAt);
    }

    /** The {@code iat} claim, if present. */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(TokenFacts.instant(facts.issuedAt));
    }

    /** The {@code nbf} claim, if present. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(TokenFacts.instant(facts.notBefore));
    }

    /** The {@code jti} claim, if present. */
    public Optional<String> jwtId() {
        return Optional.ofNullable(jwtId);
    }

    /** The OAuth scopes from the configured scope claim (space-separated string or array). */
    public Set<String> scopes() {
        return facts.scopes;
    }

    /** The roles from the configured roles claim ({@code groups} by default). */
    public Set<String> roles() {
        return facts.roles;
    }

    /**
     * True when the token carries this role.
     *
     * @param role the role
     * @return whether it is in {@link #roles()}
     */
    public boolean hasRole(String role) {
        return facts.roles.contains(role);
    }

    /**
     * True when the token carries this scope.
     *
     * @param scope the scope
     * @return whether it is in {@link #scopes()}
     */
    public boolean hasScope(String scope) {
        return facts.scopes.contains(scope);
    }

    /**
     * One claim, if present and of the given type. JSON numbers are {@link Long} or {@link Double},
     * objects unmodifiable {@link Map}s, arrays unmodifiable {@link List}s.
     *
     * @param name the claim name
     * @param type the expected type
     * @param <T> the type
     * @return the value, or empty when absent or of another type
     */
    public <T> Optional<T> claim(String name, Class<T> type) {
        Object value = claims().get(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** All claims, unmodifiable (nested objects and arrays too). */
    public Map<String, Object> claims() {
        Map<String, Object> c = claims;
        if (c == null) {
            // Parsed again from the text that was parsed and verified when the token entered the
            // cache; two threads may both parse it, to equal results.
            try {
                c = TokenClaims.read(new String(facts.claimsJson, StandardCharsets.UTF_8)).all();
            } catch (TokenRejectedException e) {
                throw new IllegalStateException("cached claims no longer parse", e);
            }
            claims = c;
        }
        return c;
    }

    /**
     * The DPoP key the token is bound to: {@code cnf.jkt}, the RFC 7638 SHA-256 thumbprint of the
     * client's public key (RFC 9449 §6.1). A bound token is accepted by the HTTP adapters only with
     * a DPoP proof signed by that key.
     *
     * @return the base64url thumbprint, or empty when the token is not bound to a key
     */
    public Optional<String> confirmationKeyThumbprint() {
        return facts.confirmation == null ? Optional.empty() : Optional.ofNullable(facts.confirmation.keyThumbprint());
    }

    /**
     * The TLS client certificate the token is bound to: {@code cnf.x5t#S256}, the base64url SHA-256
     * of the certificate's DER encoding (RFC 8705 §3.1).
     *
     * @return the thumbprint, or empty when the token is not bound to a certificate
     */
    public Optional<String> confirmationCertificateThumbprint() {
        return facts.confirmation == null ? Optional.empty()
                : Optional.ofNullable(facts.confirmation.certificateThumbprint());
    }


    /** What the token was protected with: key ids and algorithms, cache hit. */
    public TokenMetadata metadata() {
        TokenMetadata m = metadata;
        if (m == null) {
            TokenFacts.Protection p = facts.protection;
            m = new TokenMetadata(p.keyId(), p.alg(), p.enc(), p.signingKeyId(), p.signatureAlgorithm(),
                    digest == null ? null : digest.fingerprint(), cached);
            metadata = m;
        }
        return m;
    }

    @Override
    public String toString() {
        TokenFacts.Protection p = facts.protection;
        return "VerifiedToken[sub=" + subject + ", iss=" + facts.issuer + ", jti=" + jwtId + ", exp="
                + expiresAt() + ", kid=" + p.keyId() + ", alg=" + p.alg() + ", enc=" + p.enc()
                + ", sig=" + p.signatureAlgorithm() + "]";
    }
}
