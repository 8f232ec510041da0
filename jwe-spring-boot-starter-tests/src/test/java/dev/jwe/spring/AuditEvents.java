package dev.jwe.spring;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/** The test applications' {@link AuditListener} bean: keeps every event for the tests to read. Thread-safe. */
class AuditEvents implements AuditListener {
    private final LinkedBlockingQueue<AuditEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onAccepted(AuditEvent event) {
        events.add(event);
    }

    @Override
    public void onRejected(AuditEvent event) {
        events.add(event);
    }

    /** Forgets the events so far. */
    void clear() {
        events.clear();
    }

    /** The events since the last call, oldest first. */
    List<AuditEvent> take() {
        List<AuditEvent> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }
}
