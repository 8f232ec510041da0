package dev.jwe.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;

/** What both demo integration tests check the same way. */
final class DemoAssertions {
    /** How an audit line looks on the demo console: {@code 12:00:00.000 [INFO] audit - {...}}. */
    static final String AUDIT = "] audit - ";

    private DemoAssertions() {
    }

    static JsonObject json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    /** The audit events of console lines, in order. */
    static List<JsonObject> auditEvents(List<String> lines) {
        return lines.stream().filter(l -> l.contains(AUDIT)).map(l -> json(l.substring(l.indexOf(AUDIT) + AUDIT.length())))
                .toList();
    }

    /** One audit event in short: path, outcome and reason (or subject when accepted). */
    static String summary(JsonObject event) {
        return event.getString("path") + " " + event.getString("outcome") + " "
                + event.getString("reason", event.getString("sub", ""));
    }

    /**
     * A JWK Set with exactly the one public encryption key.
     *
     * @param body the document
     * @param kid the expected key id
     */
    static void assertPublicEncryptionKeyOnly(String body, String kid) {
        List<JsonObject> keys = json(body).getJsonArray("keys").getValuesAs(JsonObject.class);
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.getString("kid")).isEqualTo(kid);
            assertThat(k.getString("kty")).isEqualTo("RSA");
            assertThat(k.getString("use")).isEqualTo("enc");
            assertThat(k.keySet()).doesNotContainAnyElementsOf(List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k"));
        });
    }
}
