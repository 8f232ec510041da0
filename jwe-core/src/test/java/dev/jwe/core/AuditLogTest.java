package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/** The audit line is written by hand for speed; it must stay the text jose4j's JSON writer gave. */
class AuditLogTest {
    /** The line as it was written before: the members in a map, through jose4j's writer. */
    private static String throughJose4j(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("outcome", e.outcome());
        if (e.reason() != null) {
            m.put("reason", e.reason().name());
            m.put("status", e.reason().httpStatus());
        }
        String[][] members = {{"kid", e.keyId()}, {"alg", e.algorithm()}, {"enc", e.encryption()},
            {"iss", e.issuer()}, {"sub", e.subject()}, {"jti", e.jwtId()}, {"token", e.fingerprint()}};
        for (String[] member : members) {
            if (member[1] != null) {
                m.put(member[0], member[1]);
            }
        }
        if (e.request() != null) {
            String[][] request = {{"client", e.request().clientAddress()}, {"method", e.request().method()},
                {"path", e.request().path()}};
            for (String[] member : request) {
                if (member[1] != null) {
                    m.put(member[0], member[1]);
                }
            }
        }
        m.put("durationMicros", e.duration().toNanos() / 1000);
        if (e.cached()) {
            m.put("cached", true);
        }
        return JsonUtil.toJson(m);
    }

    @Provide
    Arbitrary<String> anyText() {
        // Every kind of character the escaping distinguishes, and nulls (absent members).
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u1ff0', '\u2110').ofMaxLength(6),
                Arbitraries.strings().withChars('"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 'a').ofMaxLength(8))
                .injectNull(0.2);
    }

    @Property(tries = 400)
    void toJsonWhenAnyEventThenTheSameTextAsJose4jWrote(@ForAll("anyText") String kid, @ForAll("anyText") String sub,
            @ForAll("anyText") String iss, @ForAll("anyText") String path, @ForAll("anyText") String client,
            @ForAll boolean accepted, @ForAll boolean cached, @ForAll boolean withRequest) {
        AuditEvent e = new AuditEvent(Instant.ofEpochSecond(1_767_225_600L, 123_456_000L), accepted,
                accepted ? null : Reason.EXPIRED, kid, "RSA-OAEP-256", "A256GCM", iss, sub, "jti-1", "0123456789abcdef",
                withRequest ? new RequestInfo(client, "GET", path) : null, Duration.ofNanos(1_234_567), cached);
        assertThat(AuditLog.toJson(e)).isEqualTo(throughJose4j(e));
    }

    @Test
    void toJsonWhenHeaderValueCarriesALineBreakThenItStaysOneEscapedLine() {
        AuditEvent e = new AuditEvent(Instant.EPOCH, false, Reason.MALFORMED, "k\n{\"forged\":1}", null, null, null,
                null, null, null, new RequestInfo("192.0.2.1", "GET", "/a\u2028b"), Duration.ZERO, false);
        assertThat(AuditLog.toJson(e)).isEqualTo("{\"time\":\"1970-01-01T00:00:00Z\",\"outcome\":\"rejected\","
                + "\"reason\":\"MALFORMED\",\"status\":401,\"kid\":\"k\\n{\\\"forged\\\":1}\",\"client\":\"192.0.2.1\","
                + "\"method\":\"GET\",\"path\":\"/a\\u2028b\",\"durationMicros\":0}");
    }
}
