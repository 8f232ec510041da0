package dev.jwe.core;

import dev.jwe.core.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The default audit listener: one JSON object per line on logger {@code dev.jwe.audit}, acceptances
 * at INFO, rejections at WARN. Through SLF4J; when SLF4J has no provider (it would drop every
 * line, as on servers that give applications none, e.g. Payara), the lines go to
 * {@code java.util.logging} on the same logger name (rejections at WARNING), and one warning at
 * start-up says so.
 */
final class AuditLog implements AuditListener {
    /** The one instance (stateless). */
    static final AuditLog INSTANCE = new AuditLog();
    /** Logger name of the audit trail. */
    static final String LOGGER = "dev.jwe.audit";
    private static final Sink SINK = Sink.detect();

    private AuditLog() {
    }

    @Override
    public void onAccepted(AuditEvent event) {
        if (SINK.enabled(false)) {
            SINK.write(false, toJson(event));
        }
    }

    @Override
    public void onRejected(AuditEvent event) {
        if (SINK.enabled(true)) {
            SINK.write(true, toJson(event));
        }
    }

    /**
     * The JSON line for an event. Strings are JSON-escaped (no raw control characters reach the
     * log, so a header value cannot forge a log line).
     *
     * @param e the event
     * @return one line of JSON
     */
    static String toJson(AuditEvent e) {
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

    /** Where the lines go: SLF4J, or java.util.logging when SLF4J would drop them. */
    private interface Sink {
        boolean enabled(boolean rejection);

        void write(boolean rejection, String line);

        static Sink detect() {
            if (!(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory)) {
                Logger log = LoggerFactory.getLogger(LOGGER);
                return new Sink() {
                    @Override
                    public boolean enabled(boolean rejection) {
                        return rejection ? log.isWarnEnabled() : log.isInfoEnabled();
                    }

                    @Override
                    public void write(boolean rejection, String line) {
                        if (rejection) {
                            log.warn(line);
                        } else {
                            log.info(line);
                        }
                    }
                };
            }
            java.util.logging.Logger.getLogger(AuditLog.class.getName()).warning("SLF4J has no provider here: the jwe"
                    + " audit trail goes to java.util.logging, logger " + LOGGER);
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger(LOGGER);
            return new Sink() {
                @Override
                public boolean enabled(boolean rejection) {
                    return jul.isLoggable(rejection ? Level.WARNING : Level.INFO);
                }

                @Override
                public void write(boolean rejection, String line) {
                    jul.log(rejection ? Level.WARNING : Level.INFO, line);
                }
            };
        }
    }
}
