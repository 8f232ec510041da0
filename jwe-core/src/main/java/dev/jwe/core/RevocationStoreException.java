package dev.jwe.core;

/**
 * A {@link RevocationStore} failed: its cluster is unreachable, an operation timed out, or a
 * bounded store is full. Thrown by the validator (503) only where the store's failure mode is
 * fail-closed; see {@link JweTokenValidator.Builder#revocationFailClosed()} and
 * {@link JweTokenValidator.Builder#replayFailOpen()}.
 */
public class RevocationStoreException extends ValidationUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the store
     */
    public RevocationStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the store
     * @param cause the store's own exception
     */
    public RevocationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
