package dev.jwe.spring;

import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeySourceHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validator's key health as an Actuator health reading, independent of Boot's health API
 * (which lives in different packages in Boot 4 and Boot 3): UP while every key location is usable,
 * DOWN otherwise (no usable decryption key, a remote verification key set never loaded or stale
 * beyond {@code jwe.verification.stale-if-error}). Details per location: key ids, usable, last
 * success and failure, the fixed description of the last error; never key material. Immutable.
 *
 * @param up whether every location is usable
 * @param details the details
 */
record KeyHealthReport(boolean up, Map<String, Object> details) {

    static KeyHealthReport of(JweTokenValidator validator) {
        List<KeySourceHealth> health = validator.keyHealth();
        List<Map<String, Object>> locations = new ArrayList<>();
        for (KeySourceHealth h : health) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("location", h.location());
            m.put("keyIds", h.keyIds());
            m.put("usable", h.usable());
            putIfPresent(m, "lastSuccess", h.lastSuccess());
            putIfPresent(m, "lastFailure", h.lastFailure());
            putIfPresent(m, "lastError", h.lastError());
            locations.add(m);
        }
        boolean up = !health.isEmpty() && health.stream().allMatch(KeySourceHealth::usable);
        return new KeyHealthReport(up, Map.of("keySources", List.copyOf(locations)));
    }

    private static void putIfPresent(Map<String, Object> m, String name, Object value) {
        if (value != null) {
            m.put(name, value.toString());
        }
    }
}
