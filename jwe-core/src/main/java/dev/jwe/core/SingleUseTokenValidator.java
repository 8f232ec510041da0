package dev.jwe.core;

/**
 * A validator that can also enforce one-time use of a token: a capability of its own, so that an
 * adapter configured with one-time paths ({@code jwe.replay.paths}) can refuse at start-up a
 * validator that cannot keep that promise. {@link JweTokenValidator} implements it. Thread-safe.
 */
public interface SingleUseTokenValidator extends TokenValidator {

    /**
     * Validates a one-time token: as {@link #validate(String, RequestInfo)}, and a second use of
     * its {@code jti} within its lifetime is rejected as {@link Reason#REPLAYED} (for paths where
     * replay protection is on, when it is not on for every token).
     *
     * @param token the compact JWE, as sent by the client
     * @param request client address, method and path for the audit trail
     * @return the verified token
     * @throws TokenRejectedException when the client's token is not accepted (4xx)
     * @throws ValidationUnavailableException when our key source or revocation store fails (5xx)
     */
    VerifiedToken validateSingleUse(String token, RequestInfo request) throws TokenRejectedException;
}
