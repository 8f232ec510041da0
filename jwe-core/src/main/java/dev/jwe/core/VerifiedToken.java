package dev.jwe.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    private final String principalName;
    private final String subject;
    private final String issuer;
    private final List<String> audiences;
    private final Instant expiresAt;
    private final Instant issuedAt;
    private final Instant notBefore;
    private final String jwtId;
    private final Set<String> scopes;
    private final Set<String> roles;
    private final Map<String, Object> claims;
    private final TokenMetadata metadata;

    VerifiedToken(String principalName, String subject, String issuer, List<String> audiences, Instant expiresAt,
            Instant issuedAt, Instant notBefore, String jwtId, Set<String> scopes, Set<String> roles,
            Map<String, Object> claims, TokenMetadata metadata) {
        this.principalName = principalName;
        this.subject = subject;
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
        this.expiresAt = expiresAt;
        this.issuedAt = issuedAt;
        this.notBefore = notBefore;
        this.jwtId = jwtId;
        this.scopes = Collections.unmodifiableSet(scopes);
        this.roles = Collections.unmodifiableSet(roles);
        this.claims = claims;
        this.metadata = metadata;
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
        return Optional.ofNullable(issuer);
    }

    /** The {@code aud} claim as a list (empty when absent). */
    public List<String> audiences() {
        return audiences;
    }

    /** The {@code exp} claim (always present on a verified token). */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The {@code iat} claim, if present. */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    /** The {@code nbf} claim, if present. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /** The {@code jti} claim, if present. */
    public Optional<String> jwtId() {
        return Optional.ofNullable(jwtId);
    }

    /** The OAuth scopes from the configured scope claim (space-separated string or array). */
    public Set<String> scopes() {
        return scopes;
    }

    /** The roles from the configured roles claim ({@code groups} by default). */
    public Set<String> roles() {
        return roles;
    }

    /**
     * True when the token carries this role.
     *
     * @param role the role
     * @return whether it is in {@link #roles()}
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * True when the token carries this scope.
     *
     * @param scope the scope
     * @return whether it is in {@link #scopes()}
     */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
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
        Object value = claims.get(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** All claims, unmodifiable (nested objects and arrays too). */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * The DPoP key the token is bound to: {@code cnf.jkt}, the RFC 7638 SHA-256 thumbprint of the
     * client's public key (RFC 9449 §6.1). A bound token is accepted by the HTTP adapters only with
     * a DPoP proof signed by that key.
     *
     * @return the base64url thumbprint, or empty when the token is not bound to a key
     */
    public Optional<String> confirmationKeyThumbprint() {
        return confirmation("jkt");
    }

    /**
     * The TLS client certificate the token is bound to: {@code cnf.x5t#S256}, the base64url SHA-256
     * of the certificate's DER encoding (RFC 8705 §3.1).
     *
     * @return the thumbprint, or empty when the token is not bound to a certificate
     */
    public Optional<String> confirmationCertificateThumbprint() {
        return confirmation("x5t#S256");
    }

    private Optional<String> confirmation(String member) {
        return claims.get("cnf") instanceof Map<?, ?> cnf && cnf.get(member) instanceof String value
                ? Optional.of(value) : Optional.empty();
    }

    /** What the token was protected with: key ids and algorithms, cache hit. */
    public TokenMetadata metadata() {
        return metadata;
    }

    /** The same token, marked as served from the cache. */
    VerifiedToken asCached() {
        return new VerifiedToken(principalName, subject, issuer, audiences, expiresAt, issuedAt, notBefore, jwtId,
                scopes, roles, claims, metadata.asCached());
    }

    @Override
    public String toString() {
        return "VerifiedToken[sub=" + subject + ", iss=" + issuer + ", jti=" + jwtId + ", exp=" + expiresAt
                + ", kid=" + metadata.keyId() + ", alg=" + metadata.keyManagementAlgorithm()
                + ", enc=" + metadata.contentEncryptionAlgorithm() + ", sig=" + metadata.signatureAlgorithm() + "]";
    }

    static Map<String, Object> deepUnmodifiable(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            copy.put(e.getKey(), unmodifiable(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object unmodifiable(Object value) {
        if (value instanceof Map<?, ?> m) {
            return deepUnmodifiable((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                copy.add(unmodifiable(o));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
