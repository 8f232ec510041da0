package dev.jwe.spring;

import dev.jwe.core.AuditListener;
import dev.jwe.core.TokenValidator;
import dev.jwe.micrometer.JweMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Metrics and observations with jwe-micrometer, when it is on the class path and the application
 * has a {@link MeterRegistry} bean (Actuator): a {@link JweMetrics} bean on that registry and the
 * application's {@link ObservationRegistry}, whose audit listener joins the validator's (the
 * application's {@link AuditListener} bean if it has exactly one, else the default JSON lines)
 * through a {@link dev.jwe.spring.JweValidatorCustomizer} that runs first; the validator bound to
 * it (key, cache and store meters) and, unless the application has its own {@link JwtDecoder},
 * the {@link JweJwtDecoder} on the bound validator, so that each validation is an observation
 * (a span with micrometer-tracing). A later customizer that sets its own audit listener should
 * add {@code jweMetrics.auditListener()} to it with {@link AuditListener#all}; without it the
 * bound validator still counts validations, not the attempts that never reach it.
 *
 * <p>Boot's {@code DefaultMeterObservationHandler} would make a second {@code jwe.validation}
 * timer from the observation: {@link JweMetrics#observationMeterFilter()} is declared as a
 * {@link MeterFilter} bean, so the registry keeps this module's timer only.
 */
@AutoConfiguration(before = JweAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@ConditionalOnClass(value = {JwtDecoder.class, JwtAuthenticationConverter.class},
        name = {"dev.jwe.micrometer.JweMetrics", "io.micrometer.core.instrument.MeterRegistry"})
@ConditionalOnBean(MeterRegistry.class)
@Conditional(OnJweSettings.class)
public class JweMetricsAutoConfiguration {

    /**
     * @param registry the application's meter registry
     * @param observations the application's observation registry, if any
     * @return the metrics
     */
    @Bean
    @ConditionalOnMissingBean
    public JweMetrics jweMetrics(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations) {
        return JweMetrics.builder(registry).observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .build();
    }

    /** @return keeps the observation handler's copy of the {@code jwe.validation} timer out */
    @Bean
    public static MeterFilter jweObservationMeterFilter() {
        return JweMetrics.observationMeterFilter();
    }

    /**
     * @param metrics the metrics
     * @param auditListeners the application's audit listener, if exactly one
     * @return adds the metrics listener to the validator's, before other customizers run
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public JweValidatorCustomizer jweMetricsAuditListener(JweMetrics metrics,
            ObjectProvider<AuditListener> auditListeners) {
        // The listener JweAutoConfiguration has just set: the application's own if unique, else the default.
        AuditListener own = auditListeners.getIfUnique(AuditListener::slf4j);
        return builder -> builder.auditListener(AuditListener.all(own, metrics.auditListener()));
    }

    /**
     * @param metrics the metrics
     * @param validator the validator (the auto-configured one or the application's)
     * @return the validator in its observation, with its meters registered
     */
    @Bean
    @Lazy(false) // the key, cache and store meters exist from the start, also under lazy initialization
    BoundValidator jweBoundValidator(JweMetrics metrics, TokenValidator validator) {
        return new BoundValidator(metrics.bind(validator));
    }

    /**
     * @param bound the bound validator
     * @return the decoder on the bound validator
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JweJwtDecoder jweJwtDecoder(BoundValidator bound) {
        return new JweJwtDecoder(bound.validator());
    }

    /**
     * The validator as {@link JweMetrics#bind} returned it; not a {@link TokenValidator} bean, so
     * that the application's and the auto-configured validator stay the only one.
     *
     * @param validator the bound validator
     */
    record BoundValidator(TokenValidator validator) {
    }
}
