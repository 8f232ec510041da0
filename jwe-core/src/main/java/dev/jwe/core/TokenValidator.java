package dev.jwe.core;

/**
 * Validates encrypted access tokens. Implementations are thread-safe: build one at start-up and
 * reuse it for every request.
 */
public interface TokenValidator {

    /**
     * Validates a token without request details for the audit trail.
     *
     * @param token the compact JWE, as sent by the client
     * @return the verified token
     * @throws TokenRejectedException when the client's token is not accepted (4xx)
     * @throws KeySourceException when our key source fails (5xx)
     */
    default VerifiedToken validate(String token) throws TokenRejectedException {
        return validate(token, RequestInfo.NONE);
    }

    /**
     * Validates a token; {@code request} goes into the audit event.
     *
     * @param token the compact JWE, as sent by the client
     * @param request client address, method and path for the audit trail
     * @return the verified token
     * @throws TokenRejectedException when the client's token is not accepted (4xx)
     * @throws ValidationUnavailableException when our key source ({@link KeySourceException}) or
     *     revocation store ({@link RevocationStoreException}, fail-closed) fails (5xx)
     */
    VerifiedToken validate(String token, RequestInfo request) throws TokenRejectedException;

    /**
     * Whether {@link #validateSingleUse} is supported (adapters check this at start-up, before
     * a one-time path could meet the default's {@link UnsupportedOperationException}).
     *
     * @return true when one-time tokens are supported
     */
    default boolean supportsSingleUse() {
        return false;
    }

    /**
     * Validates a one-time token: as {@link #validate(String, RequestInfo)}, and a second use of
     * its {@code jti} within its lifetime is rejected as {@link Reason#REPLAYED} (for paths where
     * replay protection is on, when it is not on for every token). The default refuses: a
     * validator without a revocation store cannot promise one-time use.
     *
     * @param token the compact JWE, as sent by the client
     * @param request client address, method and path for the audit trail
     * @return the verified token
     * @throws TokenRejectedException when the client's token is not accepted (4xx)
     * @throws ValidationUnavailableException when our key source or revocation store fails (5xx)
     */
    default VerifiedToken validateSingleUse(String token, RequestInfo request) throws TokenRejectedException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot enforce one-time use");
    }

    /**
     * Records an attempt that never reached validation (no token, a malformed header) or that
     * failed after it (missing role or scope), so that every attempt leaves one audit record.
     * The default does nothing.
     *
     * @param reason why the request was rejected
     * @param token the verified token when the rejection came after validation, else {@code null}
     * @param request client address, method and path
     */
    default void auditRejection(Reason reason, VerifiedToken token, RequestInfo request) {
    }
}
