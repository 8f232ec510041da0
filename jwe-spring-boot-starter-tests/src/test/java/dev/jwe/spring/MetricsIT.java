package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With jwe-micrometer and Actuator on the class path, the starter binds the validator to Boot's
 * {@link MeterRegistry} and {@code ObservationRegistry} by itself: after a mix of requests over
 * real HTTP the counters and timers show each outcome, the audit listener bean still gets its
 * events, each validation was an observation, and Boot's observation handler left no second
 * {@code jwe.validation} timer.
 */
@SpringBootTest(classes = {OrdersApplication.class, MetricsIT.Handler.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsIT {
    private static final Tokens TOKENS = Tokens.get();

    @Value("${local.server.port}")
    int port;
    @Autowired
    MeterRegistry registry;
    @Autowired
    JwtDecoder decoder;
    @Autowired
    AuditEvents audit;
    @Autowired
    Recorder observations;

    @DynamicPropertySource
    static void jwe(DynamicPropertyRegistry registry) {
        Tokens.register(registry);
    }

    /** A test {@link ObservationHandler} bean; Boot adds it to its observation registry. */
    @Configuration(proxyBeanMethods = false)
    static class Handler {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    /** Keeps the contexts of the stopped {@code jwe.validation} observations. */
    static final class Recorder implements ObservationHandler<Observation.Context> {
        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(Observation.Context context) {
            if (context.getName().equals("jwe.validation")) {
                stopped.add(context);
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    private double count(String outcome, String reason, String cached) {
        Counter c = registry.find("jwe.validations").tags("outcome", outcome, "reason", reason, "cached", cached)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void requestsWhenMixOfOutcomesThenCountedTimedObservedAndAuditedAlike() throws Exception {
        String token = TOKENS.token(List.of("clerk"), List.of("orders:read"));
        audit.clear();

        assertThat(Http.getWithToken(port, "/whoami", token).statusCode()).isEqualTo(200);
        assertThat(Http.getWithToken(port, "/whoami", token).statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/whoami").statusCode()).isEqualTo(401);
        assertThat(Http.getWithToken(port, "/whoami", Tokens.tampered(token)).statusCode()).isEqualTo(401);
        assertThat(Http.getWithToken(port, "/admin", token).statusCode()).isEqualTo(403);

        assertThat(decoder).isInstanceOf(JweJwtDecoder.class);
        assertThat(count("accepted", "none", "false")).isEqualTo(1);
        assertThat(count("accepted", "none", "true")).isEqualTo(2); // the second /whoami and /admin
        assertThat(count("rejected", Reason.MISSING_TOKEN.name(), "false")).isEqualTo(1);
        assertThat(count("rejected", Reason.DECRYPTION_FAILED.name(), "false")).isEqualTo(1);
        assertThat(count("rejected", Reason.INSUFFICIENT_SCOPE.name(), "true")).isEqualTo(1);
        assertThat(audit.take()).hasSize(6);

        java.util.Collection<Timer> timers = registry.find("jwe.validation").timers();
        assertThat(timers).extracting(t -> t.getId().getTag("reason")).containsExactlyInAnyOrder("none", "none",
                Reason.DECRYPTION_FAILED.name());
        assertThat(timers).allMatch(t -> t.getId().getTag("error") == null);
        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .doesNotContain("jwe.validation.active")
                .contains("jwe.store.errors");

        assertThat(observations.stopped).hasSize(4).allMatch(c -> c.getLowCardinalityKeyValue("outcome") != null);
        assertThat(observations.stopped).extracting(c -> c.getLowCardinalityKeyValue("reason").getValue())
                .containsExactly("none", "none", Reason.DECRYPTION_FAILED.name(), "none");
    }
}
