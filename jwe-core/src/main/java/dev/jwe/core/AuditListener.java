package dev.jwe.core;


/**
 * Receives one {@link AuditEvent} per attempt. Called on the request thread: keep it fast. A
 * listener that throws is logged and ignored; it never fails the request. Implementations must be
 * thread-safe.
 */
public interface AuditListener {
    /** Does nothing. */
    AuditListener NOOP = new AuditListener() { };

    /**
     * A token was accepted.
     *
     * @param event the event
     */
    default void onAccepted(AuditEvent event) {
    }

    /**
     * A request was rejected.
     *
     * @param event the event
     */
    default void onRejected(AuditEvent event) {
    }

    /**
     * The default listener: one JSON line per event on the SLF4J logger {@code dev.jwe.audit}
     * (INFO for accepted, WARN for rejected).
     *
     * @return the listener
     */
    static AuditListener slf4j() {
        return AuditLog.INSTANCE;
    }
}
