package dev.jwe.samples.demo;

import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeySourceHealth;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /health}, reachable without a token: {@code UP} (200) while every key location is
 * usable, else {@code DOWN} (503), with the validator's {@link JweTokenValidator#keyHealth()}: per
 * location the key ids, the last success, the last failure and its fixed description. No key
 * material. Thread-safe.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient JweTokenValidator validator;
    private final String keys;

    /**
     * @param validator the validator whose keys to report
     * @param keys which keys are in use, e.g. {@code development}
     */
    HealthServlet(JweTokenValidator validator, String keys) {
        this.validator = validator;
        this.keys = keys;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<KeySourceHealth> health = validator.keyHealth();
        boolean up = health.stream().allMatch(KeySourceHealth::usable);
        JsonArrayBuilder locations = Json.createArrayBuilder();
        for (KeySourceHealth h : health) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("location", h.location())
                    .add("keyIds", Json.createArrayBuilder(h.keyIds())).add("usable", h.usable());
            add(b, "lastSuccess", h.lastSuccess());
            add(b, "lastFailure", h.lastFailure());
            if (h.lastError() != null) {
                b.add("lastError", h.lastError());
            }
            locations.add(b);
        }
        JsonResponses.send(response, up ? 200 : 503, "application/json", Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN").add("keys", keys).add("keySources", locations).build());
    }

    private static void add(JsonObjectBuilder b, String name, Instant value) {
        if (value != null) {
            b.add(name, value.toString());
        }
    }
}
