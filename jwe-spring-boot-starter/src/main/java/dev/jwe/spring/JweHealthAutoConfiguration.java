package dev.jwe.spring;

import dev.jwe.core.JweTokenValidator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health contributor {@code jwe} (bean {@code jweHealthIndicator}) from the validator's
 * {@link JweTokenValidator#keyHealth() key health}: DOWN when a key location is unusable, e.g. no
 * usable decryption key. Boot 4 ({@code org.springframework.boot.health.contributor}) and Boot 3
 * ({@code org.springframework.boot.actuate.health}) each get an indicator of their own API; the
 * nested configurations are read only when their API is on the class path. Off with
 * {@code management.health.jwe.enabled=false}.
 */
@AutoConfiguration(after = JweAutoConfiguration.class)
@ConditionalOnBean(JweTokenValidator.class)
public class JweHealthAutoConfiguration {

    /** Boot 4. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("jwe")
    static class Boot4 {
        @Bean
        org.springframework.boot.health.contributor.HealthIndicator jweHealthIndicator(JweTokenValidator validator) {
            return () -> {
                KeyHealthReport report = KeyHealthReport.of(validator);
                return (report.up() ? org.springframework.boot.health.contributor.Health.up()
                        : org.springframework.boot.health.contributor.Health.down())
                        .withDetails(report.details()).build();
            };
        }
    }

    /** Boot 3. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator("jwe")
    static class Boot3 {
        @Bean
        org.springframework.boot.actuate.health.HealthIndicator jweHealthIndicator(JweTokenValidator validator) {
            return () -> {
                KeyHealthReport report = KeyHealthReport.of(validator);
                return (report.up() ? org.springframework.boot.actuate.health.Health.up()
                        : org.springframework.boot.actuate.health.Health.down())
                        .withDetails(report.details()).build();
            };
        }
    }
}
