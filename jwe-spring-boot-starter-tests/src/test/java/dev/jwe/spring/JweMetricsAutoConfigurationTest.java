package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import dev.jwe.core.Reason;
import dev.jwe.micrometer.JweMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** When the starter binds the validator to a {@link MeterRegistry}, and when it stays out. */
class JweMetricsAutoConfigurationTest {
    private static final Tokens TOKENS = Tokens.get();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JweMetricsAutoConfiguration.class, JweAutoConfiguration.class))
            .withPropertyValues(Tokens.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));

    private static double validations(MeterRegistry registry, String outcome) {
        return registry.find("jwe.validations").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void contextWhenNoMeterRegistryThenNoMetricsAndThePlainDecoder() {
        runner.run(c -> {
            assertThat(c).hasNotFailed().doesNotHaveBean(JweMetrics.class);
            assertThat(c.getBean(JwtDecoder.class)).isInstanceOf(JweJwtDecoder.class);
        });
    }

    @Test
    void decodeWhenMeterRegistryThenCountedAndTheApplicationsListenerStillHearsEveryEvent() {
        runner.withUserConfiguration(Registry.class, Listener.class).run(c -> {
            JwtDecoder decoder = c.getBean(JwtDecoder.class);
            decoder.decode(TOKENS.token(List.of(), List.of()));
            assertThatThrownBy(() -> decoder.decode("not.a.token")).isInstanceOf(BadJwtException.class);

            MeterRegistry registry = c.getBean(MeterRegistry.class);
            assertThat(validations(registry, "accepted")).isEqualTo(1);
            assertThat(validations(registry, "rejected")).isEqualTo(1);
            assertThat(c.getBean(AuditEvents.class).take()).extracting(AuditEvent::reason)
                    .containsExactly(null, Reason.MALFORMED);
            assertThat(registry.find("jwe.store.errors").tag("mode", "fail-open").meters()).hasSize(1);
        });
    }

    @Test
    void contextWhenApplicationHasItsOwnDecoderThenItStaysAndTheValidatorIsStillBound() {
        runner.withUserConfiguration(Registry.class, OwnDecoder.class).run(c -> {
            assertThat(c.getBean(JwtDecoder.class)).isNotInstanceOf(JweJwtDecoder.class);
            assertThat(c.getBean(MeterRegistry.class).find("jwe.store.errors").meters()).hasSize(2);
        });
    }

    @Test
    void contextWhenTwoAuditListenerBeansThenDefaultJsonLinesPlusMetricsAsWithoutMetrics() {
        runner.withUserConfiguration(Registry.class, Listener.class, SecondListener.class).run(c -> {
            c.getBean(JwtDecoder.class).decode(TOKENS.token(Clock.systemUTC(), claims -> { }));

            assertThat(validations(c.getBean(MeterRegistry.class), "accepted")).isEqualTo(1);
            assertThat(c.getBean(AuditEvents.class).take()).isEmpty();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listener {
        @Bean
        AuditEvents auditEvents() {
            return new AuditEvents();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SecondListener {
        @Bean
        AuditListener secondListener() {
            return AuditListener.NOOP;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDecoder {
        @Bean
        JwtDecoder ownDecoder() {
            return token -> Jwt.withTokenValue(token).header("alg", "none").subject("own").build();
        }
    }
}
