package dev.jwe.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application sets any {@code jwe.*} property or {@code JWE_*} environment
 * variable. Not only {@code jwe.decryption.keys}: an application that sets {@code jwe.issuer} but
 * forgot the keys must fail to start with a message naming {@code jwe.decryption.keys}, not start
 * without the resource server it asked for.
 */
final class OnJweSettings extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getEnvironment() instanceof ConfigurableEnvironment env && JweSpringSettings.anyPresent(env)
                ? ConditionOutcome.match("jwe.* settings found")
                : ConditionOutcome.noMatch("no jwe.* settings");
    }
}
