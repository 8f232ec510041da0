package dev.jwe.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test-only: keeps every audit event, in order. Thread-safe. Shared through the test-jar. */
public final class CapturingAuditListener implements AuditListener {
    private final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onAccepted(AuditEvent event) {
        events.add(event);
    }

    @Override
    public void onRejected(AuditEvent event) {
        events.add(event);
    }

    /** Forgets the events so far. */
    public void clear() {
        events.clear();
    }

    /** A snapshot of the events so far. */
    public List<AuditEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
