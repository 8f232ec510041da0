package dev.jwe.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the bearer token of a request, the same way for every adapter (RFC 6750 §2.1, strict):
 * {@code Authorization: Bearer <b64token>}, or a configured header or cookie. Never the query
 * string. Where DPoP is on ({@code jwe.dpop}), {@code Authorization: DPoP <b64token>} too (RFC 9449
 * §7.1), with the same syntax; a token in both schemes, like a token in two places, is 400.
 * Immutable result.
 *
 * <p>A browser sends cookies with cross-site requests, so a token in a cookie authenticates a
 * forged request as well as a real one (CSRF). {@link #refusedFor(String, boolean)} is the rule
 * every adapter applies: a cookie-borne token is accepted on safe methods only (RFC 9110 §9.2.1:
 * GET, HEAD, OPTIONS, TRACE) unless the application declares its own CSRF protection
 * ({@code jwe.token-cookie.csrf-protected=true}).
 *
 * @param outcome what was found
 * @param token the token when {@link Outcome#FOUND}, else {@code null}
 * @param source where the token was found when {@link Outcome#FOUND}, else {@code null}
 */
public record BearerToken(Outcome outcome, String token, Source source) {

    /** What the request carried. */
    public enum Outcome {
        /** No token anywhere (an {@code Authorization} header of another scheme counts as none). */
        NONE,
        /** Exactly one well-formed token. */
        FOUND,
        /** A malformed {@code Authorization: Bearer} header, or more than one token: 400. */
        INVALID_REQUEST
    }

    /** Where a token was found. */
    public enum Source {
        /** {@code Authorization: Bearer}. */
        AUTHORIZATION,
        /** {@code Authorization: DPoP} (RFC 9449 §7.1): the token needs a DPoP proof. */
        DPOP,
        /** The header named by {@code jwe.token-header}. */
        HEADER,
        /** The cookie named by {@code jwe.token-cookie}. */
        COOKIE
    }

    private static final BearerToken NONE = new BearerToken(Outcome.NONE, null, null);
    private static final BearerToken INVALID = new BearerToken(Outcome.INVALID_REQUEST, null, null);

    /**
     * Extracts the token from the {@code Authorization} headers and the configured token header.
     *
     * @param authorizationHeaders every {@code Authorization} header value of the request
     * @param headerValues values of the configured token header (raw tokens), may be empty
     * @return the result
     */
    public static BearerToken extract(List<String> authorizationHeaders, List<String> headerValues) {
        return extract(authorizationHeaders, headerValues, List.of());
    }

    /**
     * Extracts the token.
     *
     * @param authorizationHeaders every {@code Authorization} header value of the request
     * @param headerValues values of the configured token header (raw tokens), may be empty
     * @param cookieValues values of the configured token cookie (raw tokens), may be empty
     * @return the result
     */
    public static BearerToken extract(List<String> authorizationHeaders, List<String> headerValues,
            List<String> cookieValues) {
        return extract(authorizationHeaders, headerValues, cookieValues, false);
    }

    /**
     * Extracts the token, also from {@code Authorization: DPoP} when {@code dpop} is true.
     *
     * @param authorizationHeaders every {@code Authorization} header value of the request
     * @param headerValues values of the configured token header (raw tokens), may be empty
     * @param cookieValues values of the configured token cookie (raw tokens), may be empty
     * @param dpop whether the {@code DPoP} scheme is recognised ({@code jwe.dpop} not {@code off})
     * @return the result; {@link Source#DPOP} for a token sent with the {@code DPoP} scheme
     */
    public static BearerToken extract(List<String> authorizationHeaders, List<String> headerValues,
            List<String> cookieValues, boolean dpop) {
        Objects.requireNonNull(authorizationHeaders, "authorizationHeaders");
        Objects.requireNonNull(headerValues, "headerValues");
        Objects.requireNonNull(cookieValues, "cookieValues");
        List<String> found = new ArrayList<>(1);
        Source source = null;
        for (String header : authorizationHeaders) {
            if (header == null) {
                continue;
            }
            int space = header.indexOf(' ');
            int schemeEnd = space < 0 ? header.length() : space;
            boolean dpopScheme = dpop && isDpopScheme(header, schemeEnd);
            if (!dpopScheme && !isBearerScheme(header, schemeEnd)) {
                continue;
            }
            int i = space < 0 ? header.length() : space;
            while (i < header.length() && header.charAt(i) == ' ') {
                i++;
            }
            String token = header.substring(i);
            if (!isB64Token(token)) {
                return INVALID;
            }
            found.add(token);
            source = dpopScheme ? Source.DPOP : Source.AUTHORIZATION;
        }
        if (!addRaw(headerValues, found)) {
            return INVALID;
        }
        if (source == null && !found.isEmpty()) {
            source = Source.HEADER;
        }
        if (!addRaw(cookieValues, found)) {
            return INVALID;
        }
        if (found.isEmpty()) {
            return NONE;
        }
        return found.size() == 1 ? new BearerToken(Outcome.FOUND, found.get(0), source == null ? Source.COOKIE : source)
                : INVALID;
    }

    /** The scheme is case-insensitive (RFC 9110 §11.1); compared in place, no copy per request. */
    private static boolean isBearerScheme(String header, int schemeEnd) {
        return schemeEnd == 6 && header.regionMatches(true, 0, "bearer", 0, 6);
    }

    /** The {@code DPoP} scheme, case-insensitive like every auth-scheme (RFC 9110 §11.1). */
    private static boolean isDpopScheme(String header, int schemeEnd) {
        return schemeEnd == 4 && header.regionMatches(true, 0, "dpop", 0, 4);
    }

    /** Adds the non-empty raw token values; false when one is not a b64token. */
    private static boolean addRaw(List<String> values, List<String> found) {
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (!isB64Token(value)) {
                return false;
            }
            found.add(value);
        }
        return true;
    }

    /**
     * Whether this token must be refused for a request of {@code method} because it came in a
     * cookie: true for a cookie-borne token on a method that is not safe (RFC 9110 §9.2.1: anything
     * but GET, HEAD, OPTIONS and TRACE), unless the application protects itself against CSRF.
     *
     * @param method the request method (case-sensitive, RFC 9110 §9.1)
     * @param csrfProtected {@code jwe.token-cookie.csrf-protected}
     * @return whether to refuse with {@link dev.jwe.core.Reason#COOKIE_UNSAFE_METHOD}
     */
    public boolean refusedFor(String method, boolean csrfProtected) {
        return source == Source.COOKIE && !csrfProtected && !isSafeMethod(method);
    }

    /** RFC 9110 §9.2.1: the safe methods (method names are case-sensitive). */
    static boolean isSafeMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method);
    }

    /** RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isB64Token(String s) {
        // Over the ISO-8859-1 bytes (a plain copy of a compact string), not charAt: a third faster
        // on a 1.3 KB token. A character outside ISO-8859-1 becomes '?', which is not allowed either.
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = b.length;
        int i = 0;
        while (i < n && TOKEN_CHARS[b[i] & 0xFF]) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && b[i] == '=') {
            i++;
        }
        return i == n;
    }

    /**
     * A table, not a chain of comparisons: on random base64url text (a new token every request) the
     * comparisons mispredict so often that the check cost several times the table lookup.
     */
    private static final boolean[] TOKEN_CHARS = new boolean[256];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            TOKEN_CHARS[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN_CHARS[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN_CHARS[c] = true;
        }
        for (char c : "-._~+/".toCharArray()) {
            TOKEN_CHARS[c] = true;
        }
    }

}
