package dev.jwe.spring;

import dev.jwe.core.JweTokenValidator;

/**
 * Adjusts the auto-configured validator before it is built, after the {@code jwe.*} settings are
 * applied: a {@link java.time.Clock}, a revocation store, another audit listener. Declare one or
 * more as beans; they run in {@link org.springframework.core.annotation.Order} order.
 * <pre>{@code
 * @Bean
 * JweValidatorCustomizer sharedRevocations(RevocationStore store) {
 *     return builder -> builder.revocationStore(store);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface JweValidatorCustomizer {

    /**
     * @param builder the builder, with the settings already applied
     */
    void customize(JweTokenValidator.Builder builder);
}
