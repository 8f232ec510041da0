package dev.jwe.core;

import java.util.List;

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

    /**
     * One listener that hands each event to several, in order, e.g. the default JSON lines and a
     * metrics listener: {@code AuditListener.all(AuditListener.slf4j(), metrics.auditListener())}.
     * A listener that throws is logged (its type only) and the next one still gets the event.
     * {@link #NOOP}s are left out; with none left the result is {@link #NOOP}.
     *
     * @param listeners the listeners
     * @return the combined listener
     */
    static AuditListener all(AuditListener... listeners) {
        List<AuditListener> active = AuditListeners.active(List.of(listeners));
        return switch (active.size()) {
            case 0 -> NOOP;
            case 1 -> active.get(0);
            default -> new AuditListeners(active);
        };
    }
}
