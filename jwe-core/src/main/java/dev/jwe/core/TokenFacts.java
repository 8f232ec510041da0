package dev.jwe.core;

import java.time.Instant;
import java.util.List;
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

    final String principalName;
    final String subject;
    final String issuer;
    final String jwtId;
    final List<String> audiences;
    final Set<String> scopes;
    final Set<String> roles;
    final long expiresAt;
    final long issuedAt;
    final long notBefore;
    final Protection protection;
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
            Protection protection, byte[] claimsJson) {
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
        String iss = shared.string(issuer);
        return new TokenFacts(principalName.equals(subject) ? subject : principalName, subject, iss, jwtId,
                shared.list(audiences), shared.set(scopes), shared.set(roles), expiresAt, issuedAt, notBefore,
                shared.protection(protection), claimsJson);
    }
}
