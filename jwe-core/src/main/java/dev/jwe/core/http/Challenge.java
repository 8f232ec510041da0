package dev.jwe.core.http;

import dev.jwe.core.BearerError;
import dev.jwe.core.Reason;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP side of a rejection, written once for every adapter: the status, the RFC 6750 §3
 * {@code WWW-Authenticate} challenge and an RFC 9457 problem document. Nothing in them comes from
 * the token: the realm and scopes are configuration, the description is the reason's fixed text.
 */
public final class Challenge {
    /** Media type of the problem document. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private Challenge() {
    }

    /**
     * The {@code WWW-Authenticate} value, e.g.
     * {@code Bearer realm="api", error="invalid_token", error_description="The token has expired."}.
     *
     * @param realm the realm (configuration)
     * @param reason why the request was rejected
     * @param requiredScopes scopes for {@code insufficient_scope} (may be empty)
     * @return the header value
     * @throws IllegalArgumentException when realm or a scope has characters RFC 6750 forbids
     */
    public static String wwwAuthenticate(String realm, Reason reason, Collection<String> requiredScopes) {
        return wwwAuthenticate(realm, reason, requiredScopes, null);
    }

    /**
     * The {@code WWW-Authenticate} value with the RFC 9728 §5.1 {@code resource_metadata} parameter
     * last, e.g. {@code Bearer realm="api", resource_metadata="https://api.example/.well-known/oauth-protected-resource"}.
     *
     * @param realm the realm (configuration)
     * @param reason why the request was rejected
     * @param requiredScopes scopes for {@code insufficient_scope} (may be empty)
     * @param resourceMetadata the metadata URL ({@link ProtectedResource#metadataUrl()}), or {@code null} for none
     * @return the header value
     * @throws IllegalArgumentException when realm, a scope or the URL has characters RFC 6750 forbids
     */
    public static String wwwAuthenticate(String realm, Reason reason, Collection<String> requiredScopes,
            String resourceMetadata) {
        Objects.requireNonNull(reason, "reason");
        StringBuilder sb = new StringBuilder("Bearer realm=\"").append(checkQuotable(realm, "realm")).append('"');
        BearerError error = reason.bearerError();
        if (error != BearerError.NONE) {
            sb.append(", error=\"").append(error.code()).append('"');
            sb.append(", error_description=\"").append(checkQuotable(reason.description(), "description")).append('"');
            if (error == BearerError.INSUFFICIENT_SCOPE && requiredScopes != null && !requiredScopes.isEmpty()) {
                StringBuilder scopes = new StringBuilder();
                for (String s : requiredScopes) {
                    checkScopeToken(s);
                    scopes.append(scopes.length() == 0 ? "" : " ").append(s);
                }
                sb.append(", scope=\"").append(scopes).append('"');
            }
        }
        if (resourceMetadata != null) {
            sb.append(", resource_metadata=\"").append(checkQuotable(resourceMetadata, "resourceMetadata")).append('"');
        }
        return sb.toString();
    }

    /**
     * The {@code WWW-Authenticate} value where DPoP (RFC 9449 §7.1) may be on. With
     * {@link SenderConstraintOptions.DpopMode#OFF} it is {@link #wwwAuthenticate(String, Reason, Collection)};
     * with {@code REQUIRED} only the DPoP challenge, e.g.
     * {@code DPoP error="invalid_dpop_proof", algs="ES256 PS256 RS256 EdDSA", error_description="..."};
     * with {@code ALLOWED} both, the error in the challenge of the scheme the request used (a
     * DPoP proof error always in the DPoP one), e.g. {@code Bearer realm="api", DPoP algs="ES256"}.
     *
     * @param realm the realm (configuration)
     * @param reason why the request was rejected
     * @param requiredScopes scopes for {@code insufficient_scope} (may be empty)
     * @param mode {@code jwe.dpop}
     * @param algorithms {@code jwe.dpop.algorithms}
     * @param dpopScheme whether the request used {@code Authorization: DPoP}
     * @return the header value
     * @throws IllegalArgumentException when realm, a scope or an algorithm has characters RFC 6750 forbids
     */
    public static String wwwAuthenticate(String realm, Reason reason, Collection<String> requiredScopes,
            SenderConstraintOptions.DpopMode mode, Collection<String> algorithms, boolean dpopScheme) {
        return wwwAuthenticate(realm, reason, requiredScopes, mode, algorithms, dpopScheme, null);
    }

    /**
     * As {@link #wwwAuthenticate(String, Reason, Collection, SenderConstraintOptions.DpopMode, Collection, boolean)},
     * with the RFC 9728 §5.1 {@code resource_metadata} parameter last in each challenge when given.
     *
     * @param realm the realm (configuration)
     * @param reason why the request was rejected
     * @param requiredScopes scopes for {@code insufficient_scope} (may be empty)
     * @param mode {@code jwe.dpop}
     * @param algorithms {@code jwe.dpop.algorithms}
     * @param dpopScheme whether the request used {@code Authorization: DPoP}
     * @param resourceMetadata the metadata URL ({@link ProtectedResource#metadataUrl()}), or {@code null} for none
     * @return the header value
     * @throws IllegalArgumentException when realm, a scope, an algorithm or the URL has characters RFC 6750 forbids
     */
    public static String wwwAuthenticate(String realm, Reason reason, Collection<String> requiredScopes,
            SenderConstraintOptions.DpopMode mode, Collection<String> algorithms, boolean dpopScheme,
            String resourceMetadata) {
        Objects.requireNonNull(mode, "mode");
        if (mode == SenderConstraintOptions.DpopMode.OFF) {
            return wwwAuthenticate(realm, reason, requiredScopes, resourceMetadata);
        }
        BearerError error = reason.bearerError();
        boolean errorOnDpop = error != BearerError.NONE && (mode == SenderConstraintOptions.DpopMode.REQUIRED
                || dpopScheme || error == BearerError.INVALID_DPOP_PROOF || error == BearerError.USE_DPOP_NONCE);
        StringBuilder dpop = new StringBuilder("DPoP ");
        if (errorOnDpop) {
            dpop.append("error=\"").append(error.code()).append("\", ");
        }
        dpop.append("algs=\"").append(checkQuotable(String.join(" ", algorithms), "algs")).append('"');
        if (errorOnDpop) {
            dpop.append(", error_description=\"").append(checkQuotable(reason.description(), "description")).append('"');
        }
        if (resourceMetadata != null) {
            dpop.append(", resource_metadata=\"").append(checkQuotable(resourceMetadata, "resourceMetadata")).append('"');
        }
        if (mode == SenderConstraintOptions.DpopMode.REQUIRED) {
            return dpop.toString();
        }
        String bearer = errorOnDpop ? wwwAuthenticate(realm, Reason.MISSING_TOKEN, List.of(), resourceMetadata)
                : wwwAuthenticate(realm, reason, requiredScopes, resourceMetadata);
        return bearer + ", " + dpop;
    }

    /**
     * Checks a realm (at start-up) so that a challenge can never be malformed.
     *
     * @param realm the realm
     * @return the realm
     */
    public static String checkRealm(String realm) {
        return checkQuotable(realm, "jwe.realm");
    }

    /**
     * Checks a scope that a resource demands (at start-up, e.g. from an annotation) so that the
     * {@code insufficient_scope} challenge naming it can never be malformed.
     *
     * @param scope the scope
     * @return the scope
     * @throws IllegalArgumentException when it is empty or not an RFC 6750 §3 scope-token
     */
    public static String checkScope(String scope) {
        checkScopeToken(Objects.requireNonNull(scope, "scope"));
        return scope;
    }

    /**
     * The HTTP status for a reason (400, 401 or 403).
     *
     * @param reason the reason
     * @return the status
     */
    public static int status(Reason reason) {
        return reason.httpStatus();
    }

    /**
     * An RFC 9457 problem document: {@code type}, {@code title}, {@code status}, {@code detail},
     * and our {@code reason} code. Fixed text only.
     *
     * @param reason the reason
     * @return the JSON document
     */
    public static String problemJson(Reason reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "about:blank");
        m.put("title", title(reason.httpStatus()));
        m.put("status", reason.httpStatus());
        m.put("detail", reason.description());
        m.put("reason", reason.name());
        return dev.jwe.core.internal.Json.write(m);
    }

    /**
     * A problem document for our own failure (503): fixed text.
     *
     * @return the JSON document
     */
    public static String serviceUnavailableJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "about:blank");
        m.put("title", title(503));
        m.put("status", 503);
        m.put("detail", Reason.UNAVAILABLE.description());
        return dev.jwe.core.internal.Json.write(m);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    /** RFC 6750 §3: quoted values use %x20-21 / %x23-5B / %x5D-7E (no quote, no backslash). */
    private static String checkQuotable(String value, String what) {
        Objects.requireNonNull(value, what);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                throw new IllegalArgumentException(what + ": characters outside RFC 6750 %x20-21 / %x23-5B / %x5D-7E");
            }
        }
        return value;
    }

    /** RFC 6750 §3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static void checkScopeToken(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("scope: empty scope token");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                throw new IllegalArgumentException("scope: characters outside RFC 6750 scope-token");
            }
        }
    }
}
