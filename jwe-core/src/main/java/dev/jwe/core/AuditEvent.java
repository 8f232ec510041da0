package dev.jwe.core;

import java.time.Duration;
import java.time.Instant;

/**
 * One accepted or rejected attempt. Never contains the token; the only claim values in it are
 * {@code iss}, {@code sub} and {@code jti}, and only once the inner signature has been verified.
 * Header values ({@code kid}, {@code alg}, {@code enc}) are as the client sent them, shortened.
 *
 * @param time when the attempt was decided
 * @param accepted whether the token was accepted
 * @param reason why it was rejected, or {@code null} when accepted
 * @param keyId the JWE {@code kid}, or {@code null}
 * @param algorithm the JWE {@code alg}, or {@code null}
 * @param encryption the JWE {@code enc}, or {@code null}
 * @param issuer the verified {@code iss}, or {@code null}
 * @param subject the verified {@code sub}, or {@code null}
 * @param jwtId the verified {@code jti}, or {@code null}
 * @param fingerprint first 16 hex digits of SHA-256 over the token, or {@code null} without token
 * @param request client address, method and path
 * @param duration how long the decision took
 * @param cached whether the decision came from a cache
 */
public record AuditEvent(Instant time, boolean accepted, Reason reason, String keyId, String algorithm,
        String encryption, String issuer, String subject, String jwtId, String fingerprint, RequestInfo request,
        Duration duration, boolean cached) {

    /** The outcome as a word: {@code accepted} or {@code rejected}. */
    public String outcome() {
        return accepted ? "accepted" : "rejected";
    }
}
