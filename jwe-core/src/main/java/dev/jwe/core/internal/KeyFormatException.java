package dev.jwe.core.internal;

/**
 * A key location that cannot be read or parsed. The message names the location and the kind of
 * problem, never key material or jose4j's text; jwe-core passes it on unchanged as a
 * {@code KeySourceException}.
 */
public final class KeyFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the location
     */
    public KeyFormatException(String message) {
        super(message);
    }
}
