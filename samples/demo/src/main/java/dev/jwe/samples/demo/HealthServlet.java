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
import java.util.Locale;

/**
 * {@code GET /health}, reachable without a token: {@code UP} (200) while every key location is
 * usable, else {@code DOWN} (503), with the validator's {@link JweTokenValidator#keyHealth()}: per
 * location its kind ({@code file}, {@code remote} or {@code static}), the key ids, whether they are
 * usable, the last success and the last failure. Where the keys live (absolute file paths, URLs)
 * and the last error (which names the location) are shown only when {@value #DETAILS_PROPERTY}
 * (or {@value #DETAILS_ENVIRONMENT}) is {@code true}: anyone who reaches the port sees this page.
 * No key material either way. Thread-safe.
 */
final class HealthServlet extends HttpServlet {
    /** The system property that asks for locations and errors in {@code /health}. */
    static final String DETAILS_PROPERTY = "demo.health.details";
    /** The environment variable for {@link #DETAILS_PROPERTY}. */
    static final String DETAILS_ENVIRONMENT = "DEMO_HEALTH_DETAILS";
    private static final long serialVersionUID = 1L;

    private final transient JweTokenValidator validator;
    private final String keys;
    private final boolean details;

    /**
     * @param validator the validator whose keys to report
     * @param keys which keys are in use, e.g. {@code development}
     * @param details whether to show each location and its last error
     */
    HealthServlet(JweTokenValidator validator, String keys, boolean details) {
        this.validator = validator;
        this.keys = keys;
        this.details = details;
    }

    /**
     * Whether the details are asked for: the system property, else the environment variable;
     * {@code false} when neither is set.
     *
     * @param property the value of {@value #DETAILS_PROPERTY}, or {@code null}
     * @param environment the value of {@value #DETAILS_ENVIRONMENT}, or {@code null}
     * @return the flag
     * @throws IllegalArgumentException naming the setting when the value is not {@code true} or {@code false}
     */
    static boolean details(String property, String environment) {
        String value = property != null && !property.isBlank() ? property : environment;
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    DETAILS_PROPERTY + " (or " + DETAILS_ENVIRONMENT + ") must be true or false");
        };
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<KeySourceHealth> health = validator.keyHealth();
        boolean up = health.stream().allMatch(KeySourceHealth::usable);
        JsonArrayBuilder locations = Json.createArrayBuilder();
        for (KeySourceHealth h : health) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("kind", kind(h.location()))
                    .add("keyIds", Json.createArrayBuilder(h.keyIds())).add("usable", h.usable());
            add(b, "lastSuccess", h.lastSuccess());
            add(b, "lastFailure", h.lastFailure());
            if (details) {
                b.add("location", h.location());
                if (h.lastError() != null) {
                    b.add("lastError", h.lastError());
                }
            }
            locations.add(b);
        }
        JsonResponses.send(response, up ? 200 : 503, "application/json", Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN").add("keys", keys).add("keySources", locations).build());
    }

    /** What kind of location: keys loaded once, a key file watched for changes, or a remote key set. */
    private static String kind(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return "remote";
        }
        return location.equals("static") ? "static" : "file";
    }

    private static void add(JsonObjectBuilder b, String name, Instant value) {
        if (value != null) {
            b.add(name, value.toString());
        }
    }
}
