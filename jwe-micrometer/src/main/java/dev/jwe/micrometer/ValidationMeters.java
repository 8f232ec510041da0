package dev.jwe.micrometer;

import dev.jwe.core.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The counter {@value #COUNTER} and the timer {@value #TIMER}, one pair per outcome, reason and
 * cached flag. Each pair is registered on first use and kept in a table indexed by reason and
 * flag, so that recording costs no registry lookup (the cached path takes microseconds, a lookup
 * by tags would be a measurable share of it). Thread-safe: two threads may both build a pair on
 * first use; the registry hands both the same meters.
 */
final class ValidationMeters {
    static final String COUNTER = "jwe.validations";
    static final String TIMER = "jwe.validation";
    private static final Reason[] REASONS = Reason.values();

    /** One row of the table; final fields, so publishing it without a lock is safe. */
    private static final class Row {
        final Counter counter;
        /** {@code null} for attempts that never reach the validator: they take no validation time. */
        final Timer timer;

        Row(Counter counter, Timer timer) {
            this.counter = counter;
            this.timer = timer;
        }
    }

    private final MeterRegistry registry;
    private final List<Duration> buckets;
    private final double[] percentiles;
    private final Row[] rows = new Row[(REASONS.length + 1) * 2];

    ValidationMeters(MeterRegistry registry, List<Duration> buckets, double[] percentiles) {
        this.registry = registry;
        this.buckets = List.copyOf(buckets);
        this.percentiles = percentiles.clone();
    }

    /**
     * Counts one attempt and, when the validator decided it, times it.
     *
     * @param reason why it was rejected, {@code null} when accepted
     * @param cached whether the decision came from the validator's cache
     * @param nanos how long the decision took
     */
    void record(Reason reason, boolean cached, long nanos) {
        int i = (reason == null ? 0 : reason.ordinal() + 1) * 2 + (cached ? 1 : 0);
        Row row = rows[i];
        if (row == null) {
            row = register(reason, cached);
            rows[i] = row;
        }
        row.counter.increment();
        if (row.timer != null) {
            row.timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private Row register(Reason reason, boolean cached) {
        Tags tags = tags(reason, cached);
        Counter counter = Counter.builder(COUNTER).tags(tags)
                .description("Token validation attempts, by outcome, rejection reason and whether a cache decided")
                .register(registry);
        if (!decidedByValidator(reason)) {
            return new Row(counter, null);
        }
        Timer.Builder timer = Timer.builder(TIMER).tags(tags)
                .description("Time the validator took to decide, by outcome, rejection reason and cache use");
        if (!buckets.isEmpty()) {
            timer.serviceLevelObjectives(buckets.toArray(Duration[]::new));
        }
        if (percentiles.length > 0) {
            timer.publishPercentiles(percentiles);
        }
        return new Row(counter, timer.register(registry));
    }

    /** The low-cardinality tags (and observation key values) of one decision: fixed words and enum names only. */
    static Tags tags(Reason reason, boolean cached) {
        return Tags.of("outcome", outcome(reason), "reason", reason == null ? "none" : reason.name(),
                "cached", cached ? "true" : "false");
    }

    /** {@code accepted}, {@code unavailable} (our failure, 503) or {@code rejected}. */
    static String outcome(Reason reason) {
        if (reason == null) {
            return "accepted";
        }
        return reason == Reason.UNAVAILABLE ? "unavailable" : "rejected";
    }

    /**
     * Whether the validator itself makes this decision. Adapters record no token, a malformed
     * {@code Authorization} header and a missing role or scope (403) in the same audit trail,
     * with no duration: those are counted, not timed.
     */
    static boolean decidedByValidator(Reason reason) {
        return reason != Reason.MISSING_TOKEN && reason != Reason.INVALID_REQUEST
                && reason != Reason.INSUFFICIENT_SCOPE;
    }
}
