package dev.jwe.core;

/**
 * Our side failed: a key store could not be read, a key set is empty or a remote key set is
 * unreachable with nothing cached. Maps to 503 (or 500), never to a 401 that blames the client.
 * Messages name the key location (never key material). A {@link ValidationUnavailableException},
 * like every failure on our side.
 */
public class KeySourceException extends ValidationUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the location, never key material
     */
    public KeySourceException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the location, never key material
     * @param cause the underlying failure (an I/O or parsing error, never a jose4j message)
     */
    public KeySourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
