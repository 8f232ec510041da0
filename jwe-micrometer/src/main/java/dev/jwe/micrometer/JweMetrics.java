package dev.jwe.micrometer;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.Reason;
import dev.jwe.core.RevocationStoreException;
import dev.jwe.core.SingleUseTokenValidator;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.VerifiedToken;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer metrics and observations for a jwe validator; the one entry point of this module.
 * <pre>{@code
 * JweMetrics metrics = JweMetrics.builder(meterRegistry).build();
 * JweTokenValidator jwe = JweTokenValidator.builder()
 *         // ... keys, issuer, audience ...
 *         .auditListener(AuditListener.all(AuditListener.slf4j(), metrics.auditListener()))
 *         .build();
 * TokenValidator validator = metrics.bind(jwe); // give this one to the filter or feature
 * }</pre>
 * Meters (Prometheus names in brackets), all with fixed low-cardinality tags, never a value from a
 * token, a key id, a URL or a path:
 * <ul>
 *   <li>{@code jwe.validations} ({@code jwe_validations_total}) counter, tags {@code outcome}
 *       ({@code accepted}, {@code rejected}, {@code unavailable}), {@code reason} (the
 *       {@link Reason} name or {@code none}), {@code cached}: every attempt in the audit trail,
 *       including the adapters' own (no token, malformed header, 403);</li>
 *   <li>{@code jwe.validation} ({@code jwe_validation_seconds}) timer, the same tags: each
 *       decision of the validator; no percentiles and no histogram unless
 *       {@link Builder#histogram()} or {@link Builder#percentiles(double...)} asks;</li>
 *   <li>{@code jwe.cache.size}, {@code jwe.cache.gets} (tag {@code result} hit/miss),
 *       {@code jwe.cache.evictions}, tag {@code cache} ({@code verified}, {@code rejected});</li>
 *   <li>{@code jwe.keys.usable}, {@code jwe.keys.age} (seconds since the last successful load,
 *       NaN for keys given in code), {@code jwe.keys.failing} (1 while the last load failed), tags
 *       {@code setting} ({@code jwe.decryption.keys}, {@code jwe.verification.keys}) and
 *       {@code index} (the location's place in that setting);</li>
 *   <li>{@code jwe.store.errors} ({@code jwe_store_errors_total}), tag {@code mode}:
 *       {@code fail-open} (the revocation or replay store failed and the token passed) and
 *       {@code fail-closed} (it failed and the answer was 503).</li>
 * </ul>
 * With an {@link ObservationRegistry} ({@link Builder#observationRegistry}), each call of the
 * bound validator is an {@link Observation} {@code jwe.validation} with the same low-cardinality
 * key values, so micrometer-tracing makes one span per validation.
 *
 * <p>The audit listener is what sees every attempt (also cached rejections and the adapters'
 * own); the bound validator counts a validation itself only when no event of this listener came
 * back from its delegate, and then logs one warning. Thread-safe; one per registry and validator.
 */
public final class JweMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(JweMetrics.class);
    static final String STORE_ERRORS = "jwe.store.errors";

    /** Per thread: whether a bound validator is in a call, and the event the listener saw in it. */
    private static final class Call {
        boolean open;
        AuditEvent event;
    }

    /** A call of the delegate: {@code validate} or {@code validateSingleUse}. */
    @FunctionalInterface
    interface Validation {
        VerifiedToken run() throws TokenRejectedException;
    }

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final Clock clock;
    private final ValidationMeters meters;
    private final Counter failClosedStoreErrors;
    private final AuditListener listener = new MetricsListener();
    private final ThreadLocal<Call> calls = ThreadLocal.withInitial(Call::new);
    private final AtomicBoolean warnedUnheard = new AtomicBoolean();

    private JweMetrics(Builder b) {
        this.registry = b.registry;
        this.observations = b.observations;
        this.clock = b.clock;
        this.meters = new ValidationMeters(b.registry, b.buckets, b.percentiles);
        this.failClosedStoreErrors = Counter.builder(STORE_ERRORS).tag("mode", "fail-closed")
                .description("Revocation or replay store failures, by whether the token passed (fail-open) or got 503")
                .register(b.registry);
    }

    /**
     * Starts the configuration.
     *
     * @param registry where the meters go
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * The listener that counts and times every attempt; give it to the validator's builder,
     * usually next to the default JSON lines:
     * {@code AuditListener.all(AuditListener.slf4j(), metrics.auditListener())}.
     *
     * @return the listener
     */
    public AuditListener auditListener() {
        return listener;
    }

    /**
     * Registers the validator's own meters (caches, key locations, fail-open passes) when it is a
     * {@link JweTokenValidator}, and returns it inside the observation and store-failure count.
     * Call once per validator.
     *
     * @param validator the validator
     * @return the validator to hand to the adapters: a {@link SingleUseTokenValidator} when
     *     {@code validator} is one, and an {@link dev.jwe.core.AuditTrail.Source} with the
     *     validator's trail
     */
    public TokenValidator bind(TokenValidator validator) {
        Objects.requireNonNull(validator, "validator");
        if (validator instanceof JweTokenValidator jwe) {
            StateMeters.register(registry, jwe, clock);
        }
        return MeteredValidator.of(validator, this);
    }

    /**
     * For an {@link ObservationRegistry} whose handlers also make meters (Spring Boot's
     * {@code DefaultMeterObservationHandler}): that handler would register a second
     * {@code jwe.validation} timer (with an {@code error} tag) beside this module's. This filter,
     * configured on the {@link MeterRegistry} before meters are registered, denies that second
     * one and its {@code jwe.validation.active} companion. The Spring Boot starter declares it as
     * a bean.
     *
     * @return the filter
     */
    public static MeterFilter observationMeterFilter() {
        return MeterFilter.deny(id -> (id.getName().equals(ValidationMeters.TIMER) && id.getTag("error") != null)
                || id.getName().equals(ValidationMeters.TIMER + ".active"));
    }

    /**
     * Runs one validation of a bound validator inside the observation, if any. Once the bound
     * validator's delegate is known to report to this listener, and with no observation to fill,
     * the call costs only the store-failure check: the listener counts and times it.
     */
    VerifiedToken observe(MeteredValidator bound, Validation validation) throws TokenRejectedException {
        Observation observation = Observation.createNotStarted(ValidationMeters.TIMER, observations);
        if (observation.isNoop()) {
            return bound.listenerHeard ? countStoreFailures(validation, null) : measure(bound, validation, null);
        }
        observation.contextualName("jwe validation").start();
        try (Observation.Scope scope = observation.openScope()) {
            return measure(bound, validation, observation);
        } finally {
            observation.stop();
        }
    }

    private VerifiedToken countStoreFailures(Validation validation, Observation observation)
            throws TokenRejectedException {
        try {
            return validation.run();
        } catch (ValidationUnavailableException e) {
            if (e instanceof RevocationStoreException) {
                failClosedStoreErrors.increment();
            }
            if (observation != null) {
                observation.error(e);
            }
            throw e;
        }
    }

    private VerifiedToken measure(MeteredValidator bound, Validation validation, Observation observation)
            throws TokenRejectedException {
        Call call = calls.get();
        boolean nested = call.open;
        if (!nested) {
            call.open = true;
            call.event = null;
        }
        long start = System.nanoTime();
        boolean decided = false;
        Reason reason = null;
        boolean cached = false;
        try {
            VerifiedToken token = countStoreFailures(validation, observation);
            decided = true;
            cached = token.metadata().cached();
            return token;
        } catch (TokenRejectedException e) {
            decided = true;
            reason = e.reason();
            throw e;
        } catch (ValidationUnavailableException e) {
            decided = true;
            reason = Reason.UNAVAILABLE;
            throw e;
        } catch (RuntimeException e) {
            // Not a decision (a validator that is not ours failed): the observation shows it.
            if (observation != null) {
                observation.error(e);
            }
            throw e;
        } finally {
            AuditEvent heard = call.event;
            if (!nested) {
                call.open = false;
                call.event = null;
            }
            if (heard != null) {
                bound.listenerHeard = true;
                reason = heard.reason();
                cached = heard.cached();
            } else if (decided) {
                unheard();
                meters.record(reason, cached, System.nanoTime() - start);
            }
            if (observation != null && (decided || heard != null)) {
                observation.lowCardinalityKeyValues(KeyValues.of("outcome", ValidationMeters.outcome(reason),
                        "reason", reason == null ? "none" : reason.name(), "cached", String.valueOf(cached)));
            }
        }
    }

    private void unheard() {
        if (warnedUnheard.compareAndSet(false, true)) {
            LOG.warn("jwe-micrometer: the validator's audit listener does not include JweMetrics.auditListener();"
                    + " the bound validator counts its calls instead (a cached rejection then counts as not cached),"
                    + " and attempts that never reach the validator (no token, 403) are not counted. Build the validator"
                    + " with .auditListener(AuditListener.all(AuditListener.slf4j(), metrics.auditListener())).");
        }
    }

    /** Counts every audit event; hands it to a bound validator's call in progress on this thread. */
    private final class MetricsListener implements AuditListener {
        @Override
        public void onAccepted(AuditEvent event) {
            heard(event);
        }

        @Override
        public void onRejected(AuditEvent event) {
            heard(event);
        }

        private void heard(AuditEvent event) {
            meters.record(event.reason(), event.cached(), event.duration().toNanos());
            Call call = calls.get();
            if (call.open) {
                call.event = event;
            }
        }
    }

    /**
     * Configures {@link JweMetrics}. Setters reject {@code null} at once; {@link #build()} checks
     * the bounds. Not thread-safe; use once.
     */
    public static final class Builder {
        /** Histogram buckets for {@link #histogram()}: from the cached path (microseconds) to slow key sources. */
        static final List<Duration> DEFAULT_BUCKETS = List.of(Duration.ofNanos(5_000), Duration.ofNanos(10_000),
                Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
                Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(100),
                Duration.ofMillis(250), Duration.ofSeconds(1));

        private final MeterRegistry registry;
        private ObservationRegistry observations = ObservationRegistry.NOOP;
        private Clock clock = Clock.systemUTC();
        private List<Duration> buckets = List.of();
        private double[] percentiles = new double[0];

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Where the {@code jwe.validation} observations go; default
         * {@link ObservationRegistry#NOOP} (no observation is made).
         *
         * @param registry the registry, e.g. with micrometer-tracing's handler
         * @return this
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "observationRegistry");
            return this;
        }

        /**
         * The clock of {@code jwe.keys.age}; give the validator's, default the system clock.
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Publishes the {@code jwe.validation} timer as a histogram with buckets from 5 µs to 1 s,
         * so that percentiles can be computed where the metrics are stored (Prometheus
         * {@code histogram_quantile}). Off by default.
         *
         * @return this
         */
        public Builder histogram() {
            this.buckets = DEFAULT_BUCKETS;
            return this;
        }

        /**
         * Publishes the {@code jwe.validation} timer as a histogram with these bucket bounds.
         *
         * @param buckets upper bounds, each positive
         * @return this
         */
        public Builder histogram(Duration... buckets) {
            List<Duration> list = new ArrayList<>();
            for (Duration d : Objects.requireNonNull(buckets, "histogram")) {
                list.add(Objects.requireNonNull(d, "histogram"));
            }
            this.buckets = List.copyOf(list);
            return this;
        }

        /**
         * Percentiles computed in this process and published with the {@code jwe.validation}
         * timer (they cannot be aggregated across instances; prefer {@link #histogram()}). None
         * by default.
         *
         * @param percentiles each between 0 and 1, e.g. 0.5, 0.99
         * @return this
         */
        public Builder percentiles(double... percentiles) {
            this.percentiles = Objects.requireNonNull(percentiles, "percentiles").clone();
            return this;
        }

        /**
         * Checks the options, registers the always-present meters and makes the binder.
         *
         * @return the metrics
         * @throws IllegalArgumentException naming the option that is out of bounds
         */
        public JweMetrics build() {
            for (Duration d : buckets) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("histogram: bucket bounds must be positive, got " + d);
                }
            }
            for (double p : percentiles) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("percentiles: each must be between 0 and 1, got " + p);
                }
            }
            return new JweMetrics(this);
        }
    }
}
