package dev.jwe.cli;

import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.VerifiedToken;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON object that tells a validator's verdict on one token, shared by {@code validate} (one
 * per line) and {@code inspect}. Never contains the token; a rejection carries only the reason's
 * fixed text. Stateless.
 */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * {@code {"valid":true,"sub":...,"iss":...,"aud":[...],"exp":...,"roles":[...],"scopes":[...],"claims":{...}}};
     * {@code exp} in seconds since the epoch, {@code sub} and {@code iss} {@code null} when absent.
     *
     * @param token the verified token
     * @return the members
     */
    static Map<String, Object> accepted(VerifiedToken token) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", true);
        m.put("sub", token.subject().orElse(null));
        m.put("iss", token.issuer().orElse(null));
        m.put("aud", token.audiences());
        m.put("exp", token.expiresAt().getEpochSecond());
        m.put("roles", token.roles());
        m.put("scopes", token.scopes());
        m.put("claims", token.claims());
        return m;
    }

    /**
     * {@code {"valid":false,"reason":"EXPIRED","error":"invalid_token","description":"..."}}.
     *
     * @param rejection the rejection
     * @return the members
     */
    static Map<String, Object> rejected(TokenRejectedException rejection) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", false);
        m.put("reason", rejection.reason().name());
        m.put("error", rejection.bearerError().code());
        m.put("description", rejection.description());
        return m;
    }
}
