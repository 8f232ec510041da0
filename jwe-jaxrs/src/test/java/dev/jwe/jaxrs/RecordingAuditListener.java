package dev.jwe.jaxrs;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Keeps every audit event, so that tests can count validations. Thread-safe. */
final class RecordingAuditListener implements AuditListener {
    private final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void onAccepted(AuditEvent event) {
        events.add(event);
    }

    @Override
    public void onRejected(AuditEvent event) {
        events.add(event);
    }

    /** The events so far, oldest first; forgets them. */
    List<AuditEvent> drain() {
        List<AuditEvent> out = new ArrayList<>();
        AuditEvent e;
        while ((e = events.poll()) != null) {
            out.add(e);
        }
        return out;
    }
}
