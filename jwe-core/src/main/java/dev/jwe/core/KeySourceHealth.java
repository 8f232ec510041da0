package dev.jwe.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one key location's state, for health endpoints: which keys are in force, when
 * they were last loaded, and the last error (a fixed description naming the location, never key
 * material). Immutable.
 *
 * @param location the location (file path, classpath resource, URL, or "inline JSON")
 * @param keyIds the key ids in force
 * @param lastSuccess when the keys were last loaded, or {@code null} if never
 * @param lastFailure when loading last failed, or {@code null}
 * @param lastError what failed last, or {@code null}
 * @param usable whether the keys may be used now (false when never loaded or stale beyond the
 *     allowed outage)
 */
public record KeySourceHealth(String location, List<String> keyIds, Instant lastSuccess, Instant lastFailure,
        String lastError, boolean usable) {

    /**
     * How old the keys are.
     *
     * @param now the current instant
     * @return the age, or empty when never loaded
     */
    public Optional<Duration> age(Instant now) {
        return lastSuccess == null ? Optional.empty() : Optional.of(Duration.between(lastSuccess, now));
    }
}
