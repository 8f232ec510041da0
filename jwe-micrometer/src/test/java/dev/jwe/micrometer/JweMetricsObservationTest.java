package dev.jwe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import dev.jwe.core.TestTokens;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.ValidationUnavailableException;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The {@code jwe.validation} Observation around each call of a bound validator, as a handler sees it. */
class JweMetricsObservationTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ObservationRegistry observations = ObservationRegistry.create();
    private final Recorder recorder = new Recorder();
    private final Fixture fixture = new Fixture();

    /** A test handler: what was started, and what each stopped observation carried. */
    private static final class Recorder implements ObservationHandler<Observation.Context> {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(Observation.Context context) {
            started.add(context.getName());
        }

        @Override
        public void onStop(Observation.Context context) {
            stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        Map<String, String> keyValues(int i) {
            return stopped.get(i).getLowCardinalityKeyValues().stream()
                    .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
        }
    }

    JweMetricsObservationTest() {
        observations.observationConfig().observationHandler(recorder);
    }

    @Test
    void validateWhenAcceptedTwiceAndRejectedThenOneObservationEachWithOutcomeReasonAndCached() throws Exception {
        JweMetrics metrics = JweMetrics.builder(registry).observationRegistry(observations).build();
        TokenValidator validator = metrics.bind(fixture.validator().auditListener(metrics.auditListener()).build());
        String token = Fixture.token();
        String bad = Fixture.tampered(token);

        validator.validate(token);
        validator.validate(token);
        TestTokens.rejection(validator, bad);
        TestTokens.rejection(validator, bad);

        assertThat(recorder.started).containsExactly("jwe.validation", "jwe.validation", "jwe.validation",
                "jwe.validation");
        assertThat(recorder.stopped).extracting(Observation.Context::getContextualName).containsOnly("jwe validation");
        assertThat(recorder.keyValues(0)).containsExactlyInAnyOrderEntriesOf(
                Map.of("outcome", "accepted", "reason", "none", "cached", "false"));
        assertThat(recorder.keyValues(1)).containsEntry("cached", "true");
        assertThat(recorder.keyValues(2)).containsExactlyInAnyOrderEntriesOf(
                Map.of("outcome", "rejected", "reason", "DECRYPTION_FAILED", "cached", "false"));
        // A cached rejection is known only from the audit event: the observation has it too.
        assertThat(recorder.keyValues(3)).containsEntry("cached", "true");
        assertThat(recorder.stopped).allMatch(c -> c.getError() == null && !c.getHighCardinalityKeyValues().iterator().hasNext());
    }

    @Test
    void validateWhenKeysFailThenObservationUnavailableWithTheError() {
        JweMetrics metrics = JweMetrics.builder(registry).observationRegistry(observations).build();
        TokenValidator validator = metrics.bind(fixture.validator().cacheMaxEntries(0)
                .auditListener(metrics.auditListener()).build());
        fixture.keysDown.set(true);

        assertThatThrownBy(() -> validator.validate(Fixture.token())).isInstanceOf(ValidationUnavailableException.class);

        assertThat(recorder.keyValues(0)).containsEntry("outcome", "unavailable").containsEntry("reason", "UNAVAILABLE");
        assertThat(recorder.stopped.get(0).getError()).isInstanceOf(ValidationUnavailableException.class);
    }

    @Test
    void validateWhenObservedThenTheObservationIsCurrentWhileTheValidatorRuns() throws Exception {
        JweMetrics metrics = JweMetrics.builder(registry).observationRegistry(observations).build();
        List<Observation> seen = new CopyOnWriteArrayList<>();
        AuditListener spy = new AuditListener() {
            @Override
            public void onAccepted(AuditEvent event) {
                seen.add(observations.getCurrentObservation());
            }
        };
        TokenValidator validator = metrics.bind(fixture.validator()
                .auditListener(AuditListener.all(metrics.auditListener(), spy)).build());

        validator.validate(Fixture.token());

        assertThat(seen).hasSize(1).doesNotContainNull();
        assertThat(seen.get(0).getContext().getName()).isEqualTo("jwe.validation");
        assertThat(observations.getCurrentObservation()).isNull();
    }

    @Test
    void validateWhenNoObservationRegistryThenNoObservation() throws Exception {
        JweMetrics metrics = JweMetrics.builder(registry).build();
        TokenValidator validator = metrics.bind(fixture.validator().auditListener(metrics.auditListener()).build());

        validator.validate(Fixture.token());

        assertThat(recorder.started).isEmpty();
        assertThat(registry.get(ValidationMeters.TIMER).timer().count()).isEqualTo(1);
    }

    @Test
    void observationMeterFilterWhenHandlerAlsoMakesMetersThenOneValidationTimer() throws Exception {
        SimpleMeterRegistry filtered = new SimpleMeterRegistry();
        filtered.config().meterFilter(JweMetrics.observationMeterFilter());
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(filtered));
        JweMetrics metrics = JweMetrics.builder(filtered).observationRegistry(observations).build();
        TokenValidator validator = metrics.bind(fixture.validator().auditListener(metrics.auditListener()).build());

        validator.validate(Fixture.token());
        TestTokens.rejection(validator, "not.a.token");

        assertThat(filtered.find(ValidationMeters.TIMER).timers()).hasSize(2)
                .allMatch(t -> t.getId().getTag("error") == null);
        assertThat(filtered.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .doesNotContain("jwe.validation.active");
        assertThat(recorder.stopped).hasSize(2);
    }

    @Test
    void observationMeterFilterWhenOtherMetersThenLeftAlone() {
        SimpleMeterRegistry filtered = new SimpleMeterRegistry();
        filtered.config().meterFilter(JweMetrics.observationMeterFilter());

        filtered.timer("http.server.requests", "error", "none").record(java.time.Duration.ofMillis(1));
        filtered.timer("jwe.validation.other", "error", "none").record(java.time.Duration.ofMillis(1));

        assertThat(filtered.getMeters()).hasSize(2);
    }
}
