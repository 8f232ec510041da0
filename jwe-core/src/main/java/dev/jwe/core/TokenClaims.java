package dev.jwe.core;

import dev.jwe.core.internal.Json;
import java.util.Map;

/**
 * The claims as read from a verified (or allowed unsigned) payload, before any claim check: what
 * the audit event of a later rejection may name ({@code iss}, {@code sub}, {@code jti}). Immutable.
 *
 * @param all every claim, as parsed: unmodifiable all the way down, so handed out as it is
 * @param issuer the {@code iss}, or {@code null}
 * @param subject the {@code sub}, or {@code null}
 * @param jwtId the {@code jti}, or {@code null}
 */
record TokenClaims(Map<String, Object> all, String issuer, String subject, String jwtId) {
    private static final int MAX_CLAIMS_DEPTH = 16;

    /**
     * @param json the claims text
     * @return the claims
     * @throws TokenRejectedException {@code MALFORMED_CLAIMS} when the text is not a strict JSON
     *     object, or {@code iss}, {@code sub} or {@code jti} is not a string
     */
    static TokenClaims read(String json) throws TokenRejectedException {
        Map<String, Object> claims;
        try {
            claims = Json.parseObjectFrozen(json, MAX_CLAIMS_DEPTH);
        } catch (Json.BadJsonException e) {
            throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
        }
        return new TokenClaims(claims, JoseHeader.string(claims, "iss", Reason.MALFORMED_CLAIMS),
                JoseHeader.string(claims, "sub", Reason.MALFORMED_CLAIMS),
                JoseHeader.string(claims, "jti", Reason.MALFORMED_CLAIMS));
    }
}
