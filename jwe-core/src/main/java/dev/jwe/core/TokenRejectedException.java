package dev.jwe.core;

import java.util.Objects;

/**
 * The client's token was not accepted. Carries only a {@link Reason}: its message is the reason's
 * fixed description, it has no cause, and it never contains token text, key material, claim
 * values or a library's message. Maps to a 4xx answer.
 */
public final class TokenRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * @param reason why the token was rejected
     */
    public TokenRejectedException(Reason reason) {
        // No cause and no stack trace: nothing from the rejected input can leak through it, and a
        // flood of bad tokens does not pay for stack walks.
        super(Objects.requireNonNull(reason, "reason").description(), null, false, false);
        this.reason = reason;
    }

    /** Why the token was rejected. */
    public Reason reason() {
        return reason;
    }

    /** The RFC 6750 error code. */
    public BearerError bearerError() {
        return reason.bearerError();
    }

    /** The fixed, safe description for the {@code error_description} attribute. */
    public String description() {
        return reason.description();
    }
}
