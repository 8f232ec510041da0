package dev.jwe.core;

/**
 * The error codes of RFC 6750 §3.1 that a resource server puts in its {@code WWW-Authenticate}
 * challenge.
 */
public enum BearerError {
    /** No error code: the request carried no token at all (RFC 6750 §3.1, last paragraph). */
    NONE(null),
    /** The request is malformed: a bad {@code Authorization} header, or more than one token. */
    INVALID_REQUEST("invalid_request"),
    /** The token is expired, revoked, malformed, or invalid for other reasons. */
    INVALID_TOKEN("invalid_token"),
    /** The token is valid but lacks the privileges the resource requires. */
    INSUFFICIENT_SCOPE("insufficient_scope");

    private final String code;

    BearerError(String code) {
        this.code = code;
    }

    /** The RFC 6750 error code, or {@code null} for {@link #NONE}. */
    public String code() {
        return code;
    }
}
