package dev.jwe.micrometer;

import dev.jwe.core.CacheStatistics;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeySourceHealth;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters read from a {@link JweTokenValidator}'s state when the registry is scraped: its
 * decision caches, its key locations (named by setting and index, never by path or URL) and the
 * fail-open passes of its revocation and replay store. The meters hold the validator weakly, as
 * Micrometer does: a validator the application dropped reads as NaN. Stateless.
 */
final class StateMeters {
    static final String CACHE_SIZE = "jwe.cache.size";
    static final String CACHE_GETS = "jwe.cache.gets";
    static final String CACHE_EVICTIONS = "jwe.cache.evictions";
    static final String KEYS_USABLE = "jwe.keys.usable";
    static final String KEYS_AGE = "jwe.keys.age";
    static final String KEYS_FAILING = "jwe.keys.failing";

    private StateMeters() {
    }

    static void register(MeterRegistry registry, JweTokenValidator validator, Clock clock) {
        FunctionCounter.builder(JweMetrics.STORE_ERRORS, validator, JweTokenValidator::failOpenCount)
                .tag("mode", "fail-open")
                .description("Revocation or replay store failures, by whether the token passed (fail-open) or got 503")
                .register(registry);
        for (CacheStatistics cache : validator.cacheStatistics()) {
            caches(registry, validator, cache.cache());
        }
        for (Map.Entry<String, List<KeySourceHealth>> setting : validator.keyHealthBySetting().entrySet()) {
            for (int i = 0; i < setting.getValue().size(); i++) {
                keys(registry, validator, setting.getKey(), i, clock);
            }
        }
    }

    private static void caches(MeterRegistry registry, JweTokenValidator validator, String name) {
        Tags tags = Tags.of("cache", name);
        Gauge.builder(CACHE_SIZE, validator, cache(name, CacheStatistics::size)).tags(tags)
                .description("Entries in the validator's decision cache").register(registry);
        FunctionCounter.builder(CACHE_GETS, validator, cache(name, CacheStatistics::hits)).tags(tags)
                .tag("result", "hit").description("Lookups in the validator's decision cache").register(registry);
        FunctionCounter.builder(CACHE_GETS, validator, cache(name, CacheStatistics::misses)).tags(tags)
                .tag("result", "miss").description("Lookups in the validator's decision cache").register(registry);
        FunctionCounter.builder(CACHE_EVICTIONS, validator, cache(name, CacheStatistics::evictions)).tags(tags)
                .description("Entries removed from the validator's decision cache by its size bound or by expiry")
                .register(registry);
    }

    private static ToDoubleFunction<JweTokenValidator> cache(String name, ToDoubleFunction<CacheStatistics> value) {
        return v -> {
            for (CacheStatistics s : v.cacheStatistics()) {
                if (s.cache().equals(name)) {
                    return value.applyAsDouble(s);
                }
            }
            return Double.NaN;
        };
    }

    private static void keys(MeterRegistry registry, JweTokenValidator validator, String setting, int index,
            Clock clock) {
        Tags tags = Tags.of("setting", setting, "index", Integer.toString(index));
        Gauge.builder(KEYS_USABLE, validator, location(setting, index, h -> h.usable() ? h.keyIds().size() : 0))
                .tags(tags).description("Usable keys at one key location (0 while its keys may not be used)")
                .register(registry);
        TimeGauge.builder(KEYS_AGE, validator, TimeUnit.SECONDS, location(setting, index, h -> seconds(h, clock)))
                .tags(tags).description("Time since one key location last loaded (NaN for keys given in code)")
                .register(registry);
        Gauge.builder(KEYS_FAILING, validator, location(setting, index, h -> failing(h) ? 1 : 0))
                .tags(tags).description("1 while the last load of one key location failed, else 0")
                .register(registry);
    }

    private static ToDoubleFunction<JweTokenValidator> location(String setting, int index,
            ToDoubleFunction<KeySourceHealth> value) {
        return v -> {
            List<KeySourceHealth> locations = v.keyHealthBySetting().getOrDefault(setting, List.of());
            return index < locations.size() ? value.applyAsDouble(locations.get(index)) : Double.NaN;
        };
    }

    /** Seconds since the location last loaded; NaN when it never did (keys given in code, or never reached). */
    private static double seconds(KeySourceHealth h, Clock clock) {
        return h.age(clock.instant()).map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Whether the last attempt to load failed: a failure after the last success, or no success yet. */
    static boolean failing(KeySourceHealth h) {
        return h.lastFailure() != null && (h.lastSuccess() == null || h.lastFailure().isAfter(h.lastSuccess()));
    }
}
