package dev.jwe.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link VerifiedToken} knows, in a compact immutable form: the value of the verified-token
 * cache, so that a cached token costs a few hundred bytes instead of a parsed claims map. Time
 * claims are epoch seconds, the claims are kept as their UTF-8 JSON text (parsed again only when a
 * caller asks for {@link VerifiedToken#claims()}), and what many tokens share (issuer, audiences,
 * roles, scopes, header facts and keys) is one instance per validator ({@link TokenFacts#interned}).
 */
final class TokenFacts {
    /** Marks an absent {@code iat} or {@code nbf}. */
    static final long ABSENT = Long.MIN_VALUE;
    /** Marks a value that is not a slice of the claims' JSON text. */
    static final long NOWHERE = -1;

    /**
     * How the token was protected, and the very keys that decrypted and verified it (compared by
     * identity: a hit counts only while they are still in force). The same for every token of one
     * issuer and key pair, so shared.
     *
     * @param keyId the JWE {@code kid}, or {@code null}
     * @param alg the JWE {@code alg}
     * @param enc the JWE {@code enc}
     * @param signingKeyId the inner JWS {@code kid}, or {@code null}
     * @param signatureAlgorithm the inner JWS {@code alg}, or {@code null}
     * @param decryptedWith the key that decrypted the token, or {@code null} outside the pipeline
     * @param verifiedWith the key that verified the inner signature, or {@code null}
     */
    record Protection(String keyId, String alg, String enc, String signingKeyId, String signatureAlgorithm,
            KeyEntry decryptedWith, KeyEntry verifiedWith) {
    }

    /**
     * The {@code cnf} claim (RFC 7800) as the sender-constraint checks read it on every request, kept
     * here so that a cache hit needs no claims parse: the DPoP key thumbprint ({@code jkt}, RFC 9449
     * §6.1) and the certificate thumbprint ({@code x5t#S256}, RFC 8705 §3.1), each {@code null} when
     * absent.
     *
     * @param keyThumbprint {@code cnf.jkt}, or {@code null}
     * @param certificateThumbprint {@code cnf.x5t#S256}, or {@code null}
     */
    record Confirmation(String keyThumbprint, String certificateThumbprint) {
        /**
         * @param cnf the {@code cnf} claim's value, or {@code null}
         * @return the confirmation, or {@code null} when the token has no {@code cnf}
         * @throws TokenRejectedException {@code MALFORMED_CLAIMS} when {@code cnf} is not an object
         *     whose {@code jkt} and {@code x5t#S256} are strings: a binding nobody can read must not
         *     pass as no binding
         */
        static Confirmation read(Object cnf) throws TokenRejectedException {
            if (cnf == null) {
                return null;
            }
            if (cnf instanceof Map<?, ?> m && optionalString(m.get("jkt")) && optionalString(m.get("x5t#S256"))) {
                return new Confirmation((String) m.get("jkt"), (String) m.get("x5t#S256"));
            }
            throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
        }

        private static boolean optionalString(Object value) {
            return value == null || value instanceof String;
        }
    }

    /** The principal name; {@code null} in the cached form when it is the subject. */
    final String principalName;
    /** The {@code sub}; {@code null} when absent or, in the cached form, read from {@link #subjectAt}. */
    final String subject;
    final String issuer;
    /** The {@code jti}; {@code null} when absent or, in the cached form, read from {@link #jwtIdAt}. */
    final String jwtId;
    /** Where the {@code sub}'s UTF-8 bytes are in {@link #claimsJson} ({@link #slice}), or {@link #NOWHERE}. */
    final long subjectAt;
    /** Where the {@code jti}'s UTF-8 bytes are in {@link #claimsJson}, or {@link #NOWHERE}. */
    final long jwtIdAt;
    final List<String> audiences;
    final Set<String> scopes;
    final Set<String> roles;
    final long expiresAt;
    final long issuedAt;
    final long notBefore;
    final Protection protection;
    /** The {@code cnf} claim, or {@code null} when the token has none. */
    final Confirmation confirmation;
    /**
     * The in-memory revocation store's {@link InMemoryRevocationStore#revocationVersion() version}
     * at which this token was last found not revoked, or -1: while the store has taken no
     * revocation since, a cache hit needs no lookup ({@link RevocationCheck}). The one mutable
     * field; a stale read only costs a lookup.
     */
    volatile long notRevokedAt = -1;
    /** The claims as UTF-8 JSON, or {@code null} when only the parsed map is kept (not cached). */
    final byte[] claimsJson;

    /**
     * @param audiences an unmodifiable list
     * @param scopes an unmodifiable set, in claim order
     * @param roles an unmodifiable set, in claim order
     * @param expiresAt {@code exp} in epoch seconds
     * @param issuedAt {@code iat} in epoch seconds, or {@link #ABSENT}
     * @param notBefore {@code nbf} in epoch seconds, or {@link #ABSENT}
     */
    TokenFacts(String principalName, String subject, String issuer, String jwtId, List<String> audiences,
            Set<String> scopes, Set<String> roles, long expiresAt, long issuedAt, long notBefore,
            Protection protection, Confirmation confirmation, byte[] claimsJson) {
        this(principalName, subject, issuer, jwtId, audiences, scopes, roles, expiresAt, issuedAt, notBefore,
                protection, confirmation, claimsJson, NOWHERE, NOWHERE);
    }

    private TokenFacts(String principalName, String subject, String issuer, String jwtId, List<String> audiences,
            Set<String> scopes, Set<String> roles, long expiresAt, long issuedAt, long notBefore,
            Protection protection, Confirmation confirmation, byte[] claimsJson, long subjectAt, long jwtIdAt) {
        this.subjectAt = subjectAt;
        this.jwtIdAt = jwtIdAt;
        this.principalName = principalName;
        this.subject = subject;
        this.issuer = issuer;
        this.jwtId = jwtId;
        this.audiences = audiences;
        this.scopes = scopes;
        this.roles = roles;
        this.expiresAt = expiresAt;
        this.issuedAt = issuedAt;
        this.notBefore = notBefore;
        this.protection = protection;
        this.confirmation = confirmation;
        this.claimsJson = claimsJson;
    }

    /** An {@link Instant}'s epoch second, or {@link #ABSENT} for {@code null}. */
    static long seconds(Instant instant) {
        return instant == null ? ABSENT : instant.getEpochSecond();
    }

    /** The instant of an epoch second, or {@code null} for {@link #ABSENT}. */
    static Instant instant(long seconds) {
        return seconds == ABSENT ? null : Instant.ofEpochSecond(seconds);
    }

    /**
     * The same facts with what other tokens share taken from {@code shared}: the form kept in the
     * cache. The principal name stays the subject's instance when they are equal.
     *
     * @param shared the validator's interner
     * @return the facts to store
     */
    TokenFacts interned(Interner shared) {
        long subAt = slice(claimsJson, subject);
        long jtiAt = slice(claimsJson, jwtId);
        return new TokenFacts(principalName.equals(subject) ? null : principalName,
                subAt == NOWHERE ? subject : null, shared.string(issuer), jtiAt == NOWHERE ? jwtId : null,
                shared.list(audiences), shared.set(scopes), shared.set(roles), expiresAt, issuedAt, notBefore,
                shared.protection(protection), confirmation, claimsJson, subAt, jtiAt);
    }

    /** The {@code sub}: kept, or read back from the claims' text. */
    String subject() {
        return subject != null || subjectAt == NOWHERE ? subject : read(subjectAt);
    }

    /** The {@code jti}: kept, or read back from the claims' text. */
    String jwtId() {
        return jwtId != null || jwtIdAt == NOWHERE ? jwtId : read(jwtIdAt);
    }

    /**
     * The principal name, given the subject as {@link #subject()} returned it.
     *
     * @param subject the subject
     * @return the principal name
     */
    String principalName(String subject) {
        return principalName != null ? principalName : subject;
    }

    private String read(long at) {
        return new String(claimsJson, (int) (at >>> 32), (int) at, StandardCharsets.UTF_8);
    }

    /**
     * Where a string value's UTF-8 bytes occur in the JSON text as a literal JSON string (between
     * quotes, without escapes), so that the cached form need not keep a second copy: the
     * {@code sub} and {@code jti} are most of what a token has of its own besides its claims. Any
     * occurrence will do, since the bytes are compared, not the position's meaning.
     *
     * @param json the claims' JSON text, or {@code null}
     * @param value the value, or {@code null}
     * @return offset (high 32 bits) and length (low 32 bits), or {@link #NOWHERE}
     */
    static long slice(byte[] json, String value) {
        if (json == null || value == null) {
            return NOWHERE;
        }
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        if (!new String(v, StandardCharsets.UTF_8).equals(value)) {
            return NOWHERE; // not valid UTF-16 (a lone surrogate): its bytes would read back as another string
        }
        for (byte b : v) {
            if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
                return NOWHERE; // written escaped in JSON: not a literal run of these bytes
            }
        }
        outer:
        for (int i = 1, last = json.length - v.length - 1; i <= last; i++) {
            if (json[i - 1] != '"' || json[i + v.length] != '"') {
                continue;
            }
            for (int k = 0; k < v.length; k++) {
                if (json[i + k] != v[k]) {
                    continue outer;
                }
            }
            return ((long) i << 32) | v.length;
        }
        return NOWHERE;
    }
}
