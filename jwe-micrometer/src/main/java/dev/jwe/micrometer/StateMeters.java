package dev.jwe.micrometer;

import dev.jwe.core.JweTokenValidator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters read from a {@link JweTokenValidator}'s state when the registry is scraped: fail-open
 * passes of the revocation and replay store. Each meter holds the validator strongly (it outlives
 * no validator that the application still uses). Stateless.
 */
final class StateMeters {
    private StateMeters() {
    }

    static void register(MeterRegistry registry, JweTokenValidator validator) {
        FunctionCounter.builder(JweMetrics.STORE_ERRORS, validator, JweTokenValidator::failOpenCount)
                .tag("mode", "fail-open")
                .description("Revocation or replay store failures, by whether the token passed (fail-open) or got 503")
                .register(registry);
    }
}
