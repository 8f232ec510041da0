package dev.jwe.core;

import dev.jwe.core.internal.Compact;
import dev.jwe.core.internal.TokenDigest;

/**
 * Stages 1 and 2 of the pipeline: the token's form, checked before anything is decoded. First the
 * cheapest checks: present and at most the configured length, before the token is even hashed for
 * the cache; printable ASCII, before anything but a cache hit (only the very text of an accepted
 * token can hit, see {@link ValidationPipeline}). Then, on a cache miss, the strict compact form:
 * exactly five strict base64url segments and a protected header of bounded size. Stateless.
 */
final class TokenForm {
    /** Decoded protected header cap: real headers (even with an ECDH {@code epk}) are far smaller. */
    static final int MAX_HEADER_BYTES = 2048;

    private TokenForm() {
    }

    /**
     * Both first checks, {@link #screenLength} then {@link #screenCharacters}.
     *
     * @param token the token text as the client sent it
     * @param maxLength the configured cap, in characters
     * @throws TokenRejectedException {@code MALFORMED} when absent, empty or not printable ASCII;
     *     {@code TOKEN_TOO_LARGE} over the cap
     */
    static void screen(String token, int maxLength) throws TokenRejectedException {
        screenLength(token, maxLength);
        screenCharacters(token);
    }

    /**
     * The check that must precede hashing: a bounded amount of work per request.
     *
     * @param token the token text as the client sent it
     * @param maxLength the configured cap, in characters
     * @throws TokenRejectedException {@code MALFORMED} when absent or empty; {@code TOKEN_TOO_LARGE}
     *     over the cap
     */
    static void screenLength(String token, int maxLength) throws TokenRejectedException {
        if (token == null || token.isEmpty()) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
        if (token.length() > maxLength) {
            throw new TokenRejectedException(Reason.TOKEN_TOO_LARGE);
        }
    }

    /**
     * @param token a token within the length cap
     * @throws TokenRejectedException {@code MALFORMED} unless printable ASCII
     */
    static void screenCharacters(String token) throws TokenRejectedException {
        if (!TokenDigest.isPrintableAscii(token)) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
    }

    /**
     * @param token a screened token
     * @return its five segments
     * @throws TokenRejectedException {@code MALFORMED} unless five strict base64url segments with a
     *     protected header of at most {@value #MAX_HEADER_BYTES} bytes
     */
    static Compact parse(String token) throws TokenRejectedException {
        return parse(token, 5);
    }

    /** The same rule for the five segments of a JWE and the three of the nested JWS. */
    static Compact parse(String text, int segments) throws TokenRejectedException {
        Compact compact = Compact.parse(text, segments);
        if (compact == null || compact.decodedLength(0) > MAX_HEADER_BYTES) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
        return compact;
    }
}
