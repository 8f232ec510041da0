package dev.jwe.core;

import dev.jwe.core.internal.Json;
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
        // Written straight into one builder (one line per request on a busy server): the same text
        // as jose4j's JsonUtil.toJson of these members in this order (AuditLogTest compares them).
        StringBuilder b = new StringBuilder(320).append('{');
        member(b, "time", e.time().toString());
        member(b, "outcome", e.outcome());
        if (e.reason() != null) {
            member(b, "reason", e.reason().name());
            b.append(",\"status\":").append(e.reason().httpStatus());
        }
        member(b, "kid", e.keyId());
        member(b, "alg", e.algorithm());
        member(b, "enc", e.encryption());
        member(b, "iss", e.issuer());
        member(b, "sub", e.subject());
        member(b, "jti", e.jwtId());
        member(b, "token", e.fingerprint());
        if (e.request() != null) {
            member(b, "client", e.request().clientAddress());
            member(b, "method", e.request().method());
            member(b, "path", e.request().path());
        }
        b.append(",\"durationMicros\":").append(e.duration().toNanos() / 1000);
        if (e.cached()) {
            b.append(",\"cached\":true");
        }
        return b.append('}').toString();
    }

    /** {@code "name":"value"} after a comma unless first; nothing for a {@code null} value. */
    private static void member(StringBuilder b, String name, String value) {
        if (value == null) {
            return;
        }
        if (b.length() > 1) {
            b.append(',');
        }
        b.append('"').append(name).append("\":\"");
        escape(b, value);
        b.append('"');
    }

    /**
     * JSON string escaping as jose4j's writer does it: quote, backslash and the named control
     * characters in short form; other control characters, U+007F-U+009F and U+2000-U+20FF as
     * {@code \\uXXXX}; everything else as it is.
     */
    static void escape(StringBuilder b, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c <= 0x1F || (c >= 0x7F && c <= 0x9F) || (c >= 0x2000 && c <= 0x20FF)) {
                        b.append("\\u");
                        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
                        b.append("0000", hex.length(), 4).append(hex);
                    } else {
                        b.append(c);
                    }
                }
            }
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
