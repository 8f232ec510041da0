package dev.jwe.core.internal;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default audit listener: one JSON object per line on logger {@code dev.jwe.audit}. */
public final class AuditLog implements AuditListener {
    /** The one instance (stateless). */
    public static final AuditLog INSTANCE = new AuditLog();
    /** Logger name of the audit trail. */
    public static final String LOGGER = "dev.jwe.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private AuditLog() {
    }

    @Override
    public void onAccepted(AuditEvent event) {
        if (LOG.isInfoEnabled()) {
            LOG.info(toJson(event));
        }
    }

    @Override
    public void onRejected(AuditEvent event) {
        if (LOG.isWarnEnabled()) {
            LOG.warn(toJson(event));
        }
    }

    /**
     * The JSON line for an event. Strings are JSON-escaped (no raw control characters reach the
     * log, so a header value cannot forge a log line).
     *
     * @param e the event
     * @return one line of JSON
     */
    public static String toJson(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("outcome", e.outcome());
        if (e.reason() != null) {
            m.put("reason", e.reason().name());
            m.put("status", e.reason().httpStatus());
        }
        put(m, "kid", e.keyId());
        put(m, "alg", e.algorithm());
        put(m, "enc", e.encryption());
        put(m, "iss", e.issuer());
        put(m, "sub", e.subject());
        put(m, "jti", e.jwtId());
        put(m, "token", e.fingerprint());
        if (e.request() != null) {
            put(m, "client", e.request().clientAddress());
            put(m, "method", e.request().method());
            put(m, "path", e.request().path());
        }
        m.put("durationMicros", e.duration().toNanos() / 1000);
        if (e.cached()) {
            m.put("cached", true);
        }
        return Json.write(m);
    }

    private static void put(Map<String, Object> m, String name, String value) {
        if (value != null) {
            m.put(name, value);
        }
    }
}
