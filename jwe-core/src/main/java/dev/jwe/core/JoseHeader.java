package dev.jwe.core;

import dev.jwe.core.internal.Compact;
import dev.jwe.core.internal.Json;
import java.util.Map;
import java.util.Set;

/**
 * Rules shared by the JWE protected header and the nested JWS header: strict JSON of bounded
 * depth, typed members, a bounded {@code kid}, members refused outright. Stateless.
 */
final class JoseHeader {
    static final int MAX_HEADER_DEPTH = 2;
    static final int MAX_KID_LENGTH = 256;
    /**
     * {@code b64} (RFC 7797) must be listed in {@code crit}, which is refused; jose4j honours
     * {@code "b64": false} even without it, and would then verify a signature over other bytes
     * than the payload we decode.
     */
    static final Set<String> FORBIDDEN = Set.of("zip", "crit", "jku", "x5u", "jwk", "x5c", "b64");

    private JoseHeader() {
    }

    /** The first segment as a strict JSON object; {@code MALFORMED} otherwise. */
    static Map<String, Object> parse(Compact compact) throws TokenRejectedException {
        String json = Compact.utf8(compact.decode(0));
        if (json == null) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
        try {
            return Json.parseObjectStrict(json, MAX_HEADER_DEPTH);
        } catch (Json.BadJsonException e) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
    }

    /**
     * A member that must be a string when present.
     *
     * @param ifWrongType the reason when it is another JSON type
     * @return the value, or {@code null} when absent
     */
    static String string(Map<String, Object> map, String name, Reason ifWrongType) throws TokenRejectedException {
        Object value = map.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new TokenRejectedException(ifWrongType);
    }

    /**
     * The {@code kid}, at most {@value #MAX_KID_LENGTH} characters: an unknown one may be
     * remembered (a remote key set's negative cache), so its size is bounded before any lookup.
     */
    static String keyId(Map<String, Object> header) throws TokenRejectedException {
        String kid = string(header, "kid", Reason.MALFORMED);
        if (kid != null && kid.length() > MAX_KID_LENGTH) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
        return kid;
    }

    /** {@code UNSUPPORTED_HEADER} when any {@linkplain #FORBIDDEN refused member} is present. */
    static void checkForbidden(Map<String, Object> header) throws TokenRejectedException {
        for (String name : FORBIDDEN) {
            if (header.containsKey(name)) {
                throw new TokenRejectedException(Reason.UNSUPPORTED_HEADER);
            }
        }
    }

    static boolean isJwtContentType(String cty) {
        return cty.equalsIgnoreCase("JWT") || cty.equalsIgnoreCase("application/jwt");
    }
}
