package dev.jwe.core;

/**
 * Why a request's token was not accepted. Each reason has a fixed, safe description (no token
 * text, no claim values, no library message), the RFC 6750 error code and the HTTP status that an
 * adapter answers with.
 *
 * <p>The descriptions use only characters allowed in an RFC 6750 {@code error_description}
 * (%x20-21 / %x23-5B / %x5D-7E).
 */
public enum Reason {
    /** No token was sent and anonymous access is not allowed: 401 without an error code. */
    MISSING_TOKEN(401, BearerError.NONE, "No access token was sent."),
    /** The request carried a malformed {@code Authorization} header or more than one token. */
    INVALID_REQUEST(400, BearerError.INVALID_REQUEST, "The request does not carry exactly one well-formed bearer token."),
    /**
     * The token came in the {@code jwe.token-cookie} cookie with a method that is not safe (POST,
     * PUT, PATCH, DELETE, ...), and the application has not declared its own CSRF protection
     * ({@code jwe.token-cookie.csrf-protected}): a browser sends the cookie with forged cross-site
     * requests too.
     */
    COOKIE_UNSAFE_METHOD(400, BearerError.INVALID_REQUEST,
            "A token in a cookie is accepted only with GET, HEAD, OPTIONS or TRACE; send it in the Authorization header."),
    /** The token is longer than the configured maximum length. */
    TOKEN_TOO_LARGE(401, BearerError.INVALID_TOKEN, "The token is too large."),
    /** The token is not a strict compact-serialized JWE (five strict base64url segments). */
    MALFORMED(401, BearerError.INVALID_TOKEN, "The token is not a well-formed compact JWE."),
    /** A key management, content encryption or signature algorithm is not in the allow-list. */
    UNSUPPORTED_ALGORITHM(401, BearerError.INVALID_TOKEN, "The token uses an algorithm that is not accepted."),
    /** A header parameter is refused: zip, crit, jku, x5u, jwk, x5c, b64, or an unexpected cty. */
    UNSUPPORTED_HEADER(401, BearerError.INVALID_TOKEN, "The token header contains a parameter that is not accepted."),
    /** The token names a key id ({@code kid}) that is not configured, or no configured key fits. */
    UNKNOWN_KEY(401, BearerError.INVALID_TOKEN, "The token was made for a key that is not known here."),
    /** Decryption failed: wrong key, tampered ciphertext, tag, IV or encrypted key. */
    DECRYPTION_FAILED(401, BearerError.INVALID_TOKEN, "The token could not be decrypted."),
    /** The encrypted payload is not a signed JWT, and an unsigned payload is not accepted. */
    UNSIGNED(401, BearerError.INVALID_TOKEN, "The token does not contain a signed JWT."),
    /** The JOSE objects are nested in a way that is not accepted (JWE in JWE, JWS in JWS). */
    INVALID_NESTING(401, BearerError.INVALID_TOKEN, "The token nests JOSE objects in a way that is not accepted."),
    /** The inner signature does not verify. */
    INVALID_SIGNATURE(401, BearerError.INVALID_TOKEN, "The token signature is not valid."),
    /** The claims are not a JSON object, or a registered claim has the wrong type or range. */
    MALFORMED_CLAIMS(401, BearerError.INVALID_TOKEN, "The token claims are not well-formed."),
    /** The {@code exp} claim is in the past (beyond the allowed clock skew). */
    EXPIRED(401, BearerError.INVALID_TOKEN, "The token has expired."),
    /** The {@code nbf} claim is in the future (beyond the allowed clock skew). */
    NOT_YET_VALID(401, BearerError.INVALID_TOKEN, "The token is not valid yet."),
    /** The {@code iat} claim is in the future (beyond the allowed clock skew). */
    ISSUED_IN_FUTURE(401, BearerError.INVALID_TOKEN, "The token was issued in the future."),
    /** The token lives longer than the configured maximum lifetime. */
    LIFETIME_TOO_LONG(401, BearerError.INVALID_TOKEN, "The token lifetime is longer than allowed."),
    /** A required claim ({@code exp}, or one configured as required) is missing. */
    MISSING_CLAIM(401, BearerError.INVALID_TOKEN, "The token lacks a required claim."),
    /**
     * None of the claims of {@code jwe.principal-claim} is present as a non-empty string (a single
     * claim has no fallback; a list falls back in its order).
     */
    MISSING_PRINCIPAL(401, BearerError.INVALID_TOKEN, "The token has no claim naming the principal."),
    /** The {@code iss} claim is not one of the expected issuers. */
    INVALID_ISSUER(401, BearerError.INVALID_TOKEN, "The token was issued by an issuer that is not accepted."),
    /** The {@code aud} claim does not contain an expected audience. */
    INVALID_AUDIENCE(401, BearerError.INVALID_TOKEN, "The token is not meant for this audience."),
    /** The {@code typ} header is not the expected token type (e.g. {@code at+jwt}). */
    INVALID_TYPE(401, BearerError.INVALID_TOKEN, "The token type is not accepted."),
    /**
     * Not the client's fault: our side failed (key file unreadable, remote key set down with
     * nothing cached, a fail-closed revocation or replay store down). Adapters answer 503 without
     * a challenge; this reason exists so that the audit trail records these attempts too.
     */
    UNAVAILABLE(503, BearerError.NONE, "Token validation is not available right now; try again later."),
    /** The token was revoked (by its {@code jti}, or all tokens of its {@code sub} issued before a moment). */
    REVOKED(401, BearerError.INVALID_TOKEN, "The token has been revoked."),
    /** A one-time token ({@code jti}) was presented a second time within its lifetime. */
    REPLAYED(401, BearerError.INVALID_TOKEN, "The token has already been used."),
    /**
     * The token is bound to a DPoP key ({@code cnf.jkt}) but was sent as a plain bearer token
     * (RFC 9449 §7.2): a bound token is accepted only with the {@code DPoP} scheme and a proof.
     */
    DPOP_BOUND_TOKEN(401, BearerError.INVALID_TOKEN, "The token is bound to a DPoP key; send it with the DPoP scheme and a proof."),
    /** The token came with the {@code DPoP} scheme but is not bound to a key (no {@code cnf.jkt}, RFC 9449 §4.3). */
    DPOP_UNBOUND_TOKEN(401, BearerError.INVALID_TOKEN, "The token is not bound to a DPoP key."),
    /** {@code jwe.dpop=required}: a token sent as a plain bearer token. */
    DPOP_REQUIRED(401, BearerError.INVALID_TOKEN, "Only DPoP-bound tokens sent with the DPoP scheme are accepted."),
    /** A {@code DPoP} request without exactly one {@code DPoP} proof header. */
    DPOP_PROOF_MISSING(401, BearerError.INVALID_DPOP_PROOF, "The request does not carry exactly one DPoP proof."),
    /**
     * The proof is not a well-formed {@code dpop+jwt}: bad form, size, {@code typ}, an {@code alg}
     * that is symmetric, {@code none} or not in {@code jwe.dpop.algorithms}, a {@code jwk} that is
     * not a public key, a signature that does not verify, or a missing claim.
     */
    DPOP_PROOF_INVALID(401, BearerError.INVALID_DPOP_PROOF, "The DPoP proof is not a valid signed dpop+jwt with a public key."),
    /** The proof was made for another request: {@code htm}, {@code htu} or {@code ath} do not match. */
    DPOP_PROOF_MISMATCH(401, BearerError.INVALID_DPOP_PROOF, "The DPoP proof does not match this request or this token."),
    /** The proof's {@code iat} is older than {@code jwe.dpop.max-age} or in the future (beyond the clock skew). */
    DPOP_PROOF_EXPIRED(401, BearerError.INVALID_DPOP_PROOF, "The DPoP proof is too old or from the future."),
    /** The proof's {@code jti} was used before, on any replica sharing the replay store. */
    DPOP_PROOF_REPLAYED(401, BearerError.INVALID_DPOP_PROOF, "The DPoP proof has already been used."),
    /** The proof's key (RFC 7638 thumbprint) is not the key the token is bound to ({@code cnf.jkt}). */
    DPOP_KEY_MISMATCH(401, BearerError.INVALID_DPOP_PROOF, "The DPoP proof is signed with a key the token is not bound to."),
    /** {@code jwe.dpop.nonce=true}: the proof lacks a current server nonce; the answer carries a new one. */
    DPOP_NONCE_REQUIRED(401, BearerError.USE_DPOP_NONCE, "The DPoP proof must carry the nonce from the DPoP-Nonce header."),
    /**
     * The token is bound to a TLS client certificate ({@code cnf.x5t#S256}, RFC 8705 §3) and the
     * request did not present that certificate.
     */
    CERTIFICATE_MISMATCH(401, BearerError.INVALID_TOKEN, "The token is bound to a client certificate this request did not present."),
    /** The token is valid, but lacks a role or scope the resource requires: 403. */
    INSUFFICIENT_SCOPE(403, BearerError.INSUFFICIENT_SCOPE, "The token lacks a role or scope this resource requires.");

    private final int httpStatus;
    private final BearerError bearerError;
    private final String description;

    Reason(int httpStatus, BearerError bearerError, String description) {
        this.httpStatus = httpStatus;
        this.bearerError = bearerError;
        this.description = description;
    }

    /** The HTTP status code an adapter answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The RFC 6750 error code for the challenge. */
    public BearerError bearerError() {
        return bearerError;
    }

    /** A fixed, safe, human-readable description (RFC 6750 {@code error_description}). */
    public String description() {
        return description;
    }
}
