package dev.jwe.core.http;

import dev.jwe.core.ValidationUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Logs an outage on our side once, not per request: ERROR when validation first fails, INFO when
 * it works again, DEBUG in between, so that clients cannot control the log volume. Thread-safe.
 */
final class OutageLog {
    private final Logger log;
    private final String name;
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param log where to write
     * @param name names the adapter in the lines, e.g. {@code jwe filter 'api'}
     */
    OutageLog(Logger log, String name) {
        this.log = log;
        this.name = name;
    }

    /** Validation failed on our side. */
    void failed(ValidationUnavailableException e) {
        if (failing.compareAndSet(false, true)) {
            log.error("{}: token validation failed on our side (keys or revocation store), answering 503 until it"
                    + " works again: {}", name, e.getMessage());
        } else {
            log.debug("{}: our side still fails: {}", name, e.getMessage());
        }
    }

    /** A validation finished without failing on our side. */
    void worked() {
        // A plain read first: the common case (no outage) costs no write to shared memory.
        if (failing.get() && failing.compareAndSet(true, false)) {
            log.info("{}: token validation works again", name);
        }
    }
}
