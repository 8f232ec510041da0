package dev.jwe.core;

import dev.jwe.core.internal.TokenDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * What the audit event of one attempt may say, assembled from what the stages returned before it
 * was decided: header facts once the JWE header was read, {@code iss}/{@code sub}/{@code jti} once
 * the claims were. Values from the client are shortened ({@link AuditTrail#shorten}). Immutable.
 *
 * @param kid the JWE {@code kid}, or {@code null}
 * @param alg the JWE {@code alg}, or {@code null}
 * @param enc the JWE {@code enc}, or {@code null}
 * @param iss the {@code iss}, or {@code null}
 * @param sub the {@code sub}, or {@code null}
 * @param jti the {@code jti}, or {@code null}
 * @param fingerprint the token fingerprint, or {@code null} when not computed yet
 * @param cached whether the decision came from a cache
 */
record AuditFacts(String kid, String alg, String enc, String iss, String sub, String jti, String fingerprint,
        boolean cached) {
    /** Nothing known yet: the token was refused before its header was read. */
    static final AuditFacts NONE = new AuditFacts(null, null, null, null, null, null, null, false);

    /**
     * @param header the JWE header, or {@code null} when it was not read
     * @param claims the claims, or {@code null} when they were not read
     * @param fingerprint the token fingerprint, or {@code null}
     * @return what a rejection inside the pipeline may say
     */
    static AuditFacts of(JweHeader header, TokenClaims claims, String fingerprint) {
        return new AuditFacts(header == null ? null : AuditTrail.shorten(header.kid()),
                header == null ? null : AuditTrail.shorten(header.alg()),
                header == null ? null : AuditTrail.shorten(header.enc()),
                claims == null ? null : AuditTrail.shorten(claims.issuer()),
                claims == null ? null : AuditTrail.shorten(claims.subject()),
                claims == null ? null : AuditTrail.shorten(claims.jwtId()), fingerprint, false);
    }

    /**
     * @param token a token that passed the pipeline (now or, when cached, earlier)
     * @return what its acceptance, or a later rejection (revocation, time claims on a cache hit), may say
     */
    static AuditFacts of(VerifiedToken token) {
        TokenMetadata m = token.metadata();
        return new AuditFacts(AuditTrail.shorten(m.keyId()), m.keyManagementAlgorithm(),
                m.contentEncryptionAlgorithm(), AuditTrail.shorten(token.issuer().orElse(null)),
                AuditTrail.shorten(token.subject().orElse(null)), AuditTrail.shorten(token.jwtId().orElse(null)),
                m.fingerprint(), m.cached());
    }

    /**
     * @param known a rejection remembered by the cache
     * @param fingerprint the token fingerprint
     * @return what its repetition may say
     */
    static AuditFacts of(VerifiedTokenCache.Rejection known, String fingerprint) {
        return new AuditFacts(known.kid(), known.alg(), known.enc(), null, null, null, fingerprint, true);
    }

    /** The header facts with a reason, for the cache of rejections. */
    VerifiedTokenCache.Rejection rejection(Reason reason) {
        return new VerifiedTokenCache.Rejection(reason, kid, alg, enc);
    }

    /**
     * @param time when the attempt was decided
     * @param reason why it was rejected, or {@code null} when accepted
     * @param token the token text, for a fingerprint not computed yet, or {@code null}
     * @param request client address, method and path
     * @param duration how long the decision took
     * @return the event
     */
    AuditEvent event(Instant time, Reason reason, String token, RequestInfo request, Duration duration) {
        String print = fingerprint == null && token != null ? TokenDigest.fingerprintOf(token) : fingerprint;
        return new AuditEvent(time, reason == null, reason, kid, alg, enc, iss, sub, jti, print, request, duration,
                cached);
    }
}
