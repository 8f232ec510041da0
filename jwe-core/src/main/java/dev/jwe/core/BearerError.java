package dev.jwe.core;

/**
 * The error codes of RFC 6750 §3.1 that a resource server puts in its {@code WWW-Authenticate}
 * challenge, and those of RFC 9449 §7.1 and §9 for DPoP proofs.
 */
public enum BearerError {
    /** No error code: the request carried no token at all (RFC 6750 §3.1, last paragraph). */
    NONE(null),
    /** The request is malformed: a bad {@code Authorization} header, or more than one token. */
    INVALID_REQUEST("invalid_request"),
    /** The token is expired, revoked, malformed, or invalid for other reasons. */
    INVALID_TOKEN("invalid_token"),
    /** The token is valid but lacks the privileges the resource requires. */
    INSUFFICIENT_SCOPE("insufficient_scope"),
    /** The DPoP proof is missing, malformed or does not fit the request or the token (RFC 9449 §7.1). */
    INVALID_DPOP_PROOF("invalid_dpop_proof"),
    /** The DPoP proof must carry a fresh server nonce, given in the {@code DPoP-Nonce} header (RFC 9449 §9). */
    USE_DPOP_NONCE("use_dpop_nonce");

    private final String code;

    BearerError(String code) {
        this.code = code;
    }

    /** The RFC 6750 error code, or {@code null} for {@link #NONE}. */
    public String code() {
        return code;
    }
}
