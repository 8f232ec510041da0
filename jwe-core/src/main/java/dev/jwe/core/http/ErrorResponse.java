package dev.jwe.core.http;

import dev.jwe.core.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One complete error answer, made once in core so that every adapter sends the same bytes: the
 * status, the headers ({@code WWW-Authenticate} when there is a challenge, always
 * {@code Cache-Control: no-store}), the content type {@code application/problem+json} and an
 * RFC 9457 problem body with fixed text. An adapter only copies it onto its native response.
 * Nothing in it comes from the token. Immutable and thread-safe.
 */
public final class ErrorResponse {
    /** The {@code WWW-Authenticate} header name. */
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    /** The {@code Cache-Control} header name. */
    public static final String CACHE_CONTROL = "Cache-Control";
    /** The {@code DPoP-Nonce} header name (RFC 9449 §8). */
    public static final String DPOP_NONCE = "DPoP-Nonce";
    /** Error answers are about one request and one credential: no cache may keep them (RFC 6750 §5.3, RFC 9111). */
    public static final String NO_STORE = "no-store";

    private final Reason reason;
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    private ErrorResponse(Reason reason, String challenge, String problemJson) {
        this(reason, challenge, null, problemJson);
    }

    private ErrorResponse(Reason reason, String challenge, String nonce, String problemJson) {
        this.reason = reason;
        this.status = reason.httpStatus();
        Map<String, String> h = new LinkedHashMap<>();
        if (challenge != null) {
            h.put(WWW_AUTHENTICATE, challenge);
        }
        if (nonce != null) {
            h.put(DPOP_NONCE, nonce);
        }
        h.put(CACHE_CONTROL, NO_STORE);
        this.headers = Collections.unmodifiableMap(h);
        this.body = problemJson.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The answer to a request the client got wrong: 400, 401 or 403 with an RFC 6750 §3 challenge.
     *
     * @param realm the realm (configuration)
     * @param reason why; not {@link Reason#UNAVAILABLE}
     * @param requiredScopes for {@link Reason#INSUFFICIENT_SCOPE}: the scopes to name, may be empty
     * @return the answer
     * @throws IllegalArgumentException for {@link Reason#UNAVAILABLE}, or a realm or scope that
     *     RFC 6750 does not allow
     */
    public static ErrorResponse rejection(String realm, Reason reason, Collection<String> requiredScopes) {
        return rejection(realm, reason, requiredScopes, null);
    }

    /**
     * The same answer with the RFC 9728 {@code resource_metadata} parameter in its challenge.
     *
     * @param realm the realm (configuration)
     * @param reason why; not {@link Reason#UNAVAILABLE}
     * @param requiredScopes for {@link Reason#INSUFFICIENT_SCOPE}: the scopes to name, may be empty
     * @param resourceMetadata the metadata URL ({@link AdapterOptions#resourceMetadata()}), or {@code null}
     * @return the answer
     * @throws IllegalArgumentException for {@link Reason#UNAVAILABLE}, or a realm, scope or URL that
     *     RFC 6750 does not allow
     */
    public static ErrorResponse rejection(String realm, Reason reason, Collection<String> requiredScopes,
            String resourceMetadata) {
        Objects.requireNonNull(reason, "reason");
        if (reason == Reason.UNAVAILABLE) {
            throw new IllegalArgumentException("reason: UNAVAILABLE is our failure, see unavailable()");
        }
        return new ErrorResponse(reason, Challenge.wwwAuthenticate(realm, reason, requiredScopes, resourceMetadata),
                Challenge.problemJson(reason));
    }

    /**
     * The answer to a rejected request where DPoP may be on (RFC 9449 §7.1): the challenge of
     * {@link Challenge#wwwAuthenticate(String, Reason, Collection, SenderConstraintOptions.DpopMode,
     * Collection, boolean)}, and a {@code DPoP-Nonce} header when a nonce is given (RFC 9449 §8).
     *
     * @param realm the realm (configuration)
     * @param reason why; not {@link Reason#UNAVAILABLE}
     * @param options the sender-constraint settings
     * @param dpopScheme whether the request used {@code Authorization: DPoP}
     * @param nonce a fresh nonce for {@code DPoP-Nonce}, or {@code null}
     * @return the answer
     * @throws IllegalArgumentException for {@link Reason#UNAVAILABLE}
     */
    public static ErrorResponse rejection(String realm, Reason reason, SenderConstraintOptions options,
            boolean dpopScheme, String nonce) {
        return rejection(realm, reason, List.of(), options, dpopScheme, nonce, null);
    }

    /**
     * The answer to a rejected request with everything an adapter may put in it: the scopes of an
     * {@code insufficient_scope} answer, the DPoP challenge (RFC 9449 §7.1) and nonce, and the
     * RFC 9728 {@code resource_metadata} parameter.
     *
     * @param realm the realm (configuration)
     * @param reason why; not {@link Reason#UNAVAILABLE}
     * @param requiredScopes for {@link Reason#INSUFFICIENT_SCOPE}: the scopes to name, may be empty
     * @param options the sender-constraint settings
     * @param dpopScheme whether the request used {@code Authorization: DPoP}
     * @param nonce a fresh nonce for {@code DPoP-Nonce}, or {@code null}
     * @param resourceMetadata the metadata URL ({@link AdapterOptions#resourceMetadata()}), or {@code null}
     * @return the answer
     * @throws IllegalArgumentException for {@link Reason#UNAVAILABLE}
     */
    public static ErrorResponse rejection(String realm, Reason reason, Collection<String> requiredScopes,
            SenderConstraintOptions options, boolean dpopScheme, String nonce, String resourceMetadata) {
        Objects.requireNonNull(reason, "reason");
        if (reason == Reason.UNAVAILABLE) {
            throw new IllegalArgumentException("reason: UNAVAILABLE is our failure, see unavailable()");
        }
        return new ErrorResponse(reason, Challenge.wwwAuthenticate(realm, reason, requiredScopes, options.dpop(),
                options.algorithms(), dpopScheme, resourceMetadata), nonce, Challenge.problemJson(reason));
    }

    /**
     * The answer when validation failed on our side (key source, revocation store): 503 without
     * a challenge, since retrying with another token would not help.
     *
     * @return the answer
     */
    public static ErrorResponse unavailable() {
        return new ErrorResponse(Reason.UNAVAILABLE, null, Challenge.serviceUnavailableJson());
    }

    /** Why the request was refused. */
    public Reason reason() {
        return reason;
    }

    /** The HTTP status: 400, 401, 403 or 503. */
    public int status() {
        return status;
    }

    /**
     * The headers to set, in this order: {@code WWW-Authenticate} (when there is a challenge),
     * {@code DPoP-Nonce} (when a nonce is due) and {@code Cache-Control: no-store}. Content type and length are not among them.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> headers() {
        return headers;
    }

    /** The content type, {@value Challenge#PROBLEM_JSON} (UTF-8 JSON, RFC 8259 §8.1: no charset parameter). */
    public String contentType() {
        return Challenge.PROBLEM_JSON;
    }

    /** The length of {@link #body()} in bytes. */
    public int contentLength() {
        return body.length;
    }

    /** The problem document, UTF-8; a copy. */
    public byte[] body() {
        return body.clone();
    }

    /** Equal when status, headers, content type and body are: the same bytes on the wire. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorResponse other && status == other.status && headers.equals(other.headers)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "ErrorResponse[" + status + " " + reason + "]";
    }
}
