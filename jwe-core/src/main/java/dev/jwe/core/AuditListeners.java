package dev.jwe.core;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several {@link AuditListener}s as one ({@link AuditListener#all}): each gets every event, in
 * order; one that throws does not keep the event from the others. Immutable and thread-safe.
 */
final class AuditListeners implements AuditListener {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final List<AuditListener> listeners;

    AuditListeners(List<AuditListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** The listeners that do something: {@code null} is refused, {@link #NOOP} left out. */
    static List<AuditListener> active(List<AuditListener> listeners) {
        List<AuditListener> out = new ArrayList<>();
        for (AuditListener l : listeners) {
            if (l != NOOP) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public void onAccepted(AuditEvent event) {
        for (AuditListener l : listeners) {
            try {
                l.onAccepted(event);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void onRejected(AuditEvent event) {
        for (AuditListener l : listeners) {
            try {
                l.onRejected(event);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    private static void failed(AuditListener listener, RuntimeException e) {
        LOG.warn("Audit listener {} failed with {}; the other listeners and the request go on",
                listener.getClass().getName(), e.getClass().getName());
    }
}
