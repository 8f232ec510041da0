package dev.jwe.samples;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;

/** Checks shared by the demo and WAR integration tests (through the test-jar). */
public final class SampleAssertions {

    private SampleAssertions() {
    }

    /**
     * @param text a JSON object
     * @return the object
     */
    public static JsonObject json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    /**
     * A JWK Set with exactly one key: the public half of an RSA encryption key, with {@code use: enc}
     * and {@code alg: RSA-OAEP-256}.
     *
     * @param body the document
     * @param kid the expected key id
     */
    public static void assertPublicEncryptionKeyOnly(String body, String kid) {
        List<JsonObject> keys = json(body).getJsonArray("keys").getValuesAs(JsonObject.class);
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.getString("kid")).isEqualTo(kid);
            assertThat(k.getString("kty")).isEqualTo("RSA");
            assertThat(k.getString("use")).isEqualTo("enc");
            // What issuers that choose the key by alg (Keycloak) look for.
            assertThat(k.getString("alg")).isEqualTo("RSA-OAEP-256");
            assertThat(k.keySet()).doesNotContainAnyElementsOf(List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k"));
        });
    }
}
