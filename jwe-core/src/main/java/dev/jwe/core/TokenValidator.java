package dev.jwe.core;

/**
 * Validates encrypted access tokens. Implementations are thread-safe: build one at start-up and
 * reuse it for every request.
 *
 * <p>One abstract method. Further capabilities are separate interfaces
 * ({@link SingleUseTokenValidator}); adapters record attempts that never reach the validator
 * through an {@link AuditTrail}, not through this interface, so a decorator cannot lose events by
 * forgetting a method.
 */
@FunctionalInterface
public interface TokenValidator {

    /**
     * Validates a token without request details for the audit trail.
     *
     * @param token the compact JWE, as sent by the client
     * @return the verified token
     * @throws TokenRejectedException when the client's token is not accepted (4xx)
     * @throws ValidationUnavailableException when our key source or revocation store fails (5xx)
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
}
