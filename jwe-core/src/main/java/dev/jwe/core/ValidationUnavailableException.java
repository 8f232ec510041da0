package dev.jwe.core;

/**
 * A token could not be judged because something on our side failed: a key source
 * ({@link KeySourceException}) or a revocation store ({@link RevocationStoreException}). Maps to
 * 503 (or 500), never to a 401 that blames the client; adapters catch this type. Messages name
 * the failing component, never a token, key material or a claim value other than {@code iss},
 * {@code sub} and {@code jti}.
 */
public class ValidationUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     */
    public ValidationUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public ValidationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
