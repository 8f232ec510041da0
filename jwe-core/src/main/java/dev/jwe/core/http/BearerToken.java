package dev.jwe.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds the bearer token of a request, the same way for every adapter (RFC 6750 §2.1, strict):
 * {@code Authorization: Bearer <b64token>}, or a configured header or cookie. Never the query
 * string. Immutable result.
 *
 * @param outcome what was found
 * @param token the token when {@link Outcome#FOUND}, else {@code null}
 */
public record BearerToken(Outcome outcome, String token) {

    /** What the request carried. */
    public enum Outcome {
        /** No token anywhere (an {@code Authorization} header of another scheme counts as none). */
        NONE,
        /** Exactly one well-formed token. */
        FOUND,
        /** A malformed {@code Authorization: Bearer} header, or more than one token: 400. */
        INVALID_REQUEST
    }

    private static final BearerToken NONE = new BearerToken(Outcome.NONE, null);
    private static final BearerToken INVALID = new BearerToken(Outcome.INVALID_REQUEST, null);

    /**
     * Extracts the token.
     *
     * @param authorizationHeaders every {@code Authorization} header value of the request
     * @param otherValues values of the configured token header and cookie (raw tokens), may be empty
     * @return the result
     */
    public static BearerToken extract(List<String> authorizationHeaders, List<String> otherValues) {
        Objects.requireNonNull(authorizationHeaders, "authorizationHeaders");
        Objects.requireNonNull(otherValues, "otherValues");
        List<String> found = new ArrayList<>(1);
        for (String header : authorizationHeaders) {
            if (header == null) {
                continue;
            }
            int space = header.indexOf(' ');
            String scheme = space < 0 ? header : header.substring(0, space);
            if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
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
        }
        for (String value : otherValues) {
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (!isB64Token(value)) {
                return INVALID;
            }
            found.add(value);
        }
        if (found.isEmpty()) {
            return NONE;
        }
        return found.size() == 1 ? new BearerToken(Outcome.FOUND, found.get(0)) : INVALID;
    }

    /** RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isB64Token(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && s.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    /**
     * A table, not a chain of comparisons: on random base64url text (a new token every request) the
     * comparisons mispredict so often that the check cost several times the table lookup.
     */
    private static final boolean[] TOKEN_CHARS = new boolean[128];

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

    private static boolean isTokenChar(char c) {
        return c < 128 && TOKEN_CHARS[c];
    }
}
