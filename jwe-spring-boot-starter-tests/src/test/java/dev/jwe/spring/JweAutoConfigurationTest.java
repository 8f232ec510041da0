package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.Reason;
import dev.jwe.core.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/** Which beans the auto-configuration defines, and when it backs off (no server). */
class JweAutoConfigurationTest {
    private static final Tokens TOKENS = Tokens.get();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JweAutoConfiguration.class, JweHealthAutoConfiguration.class));

    private static String[] jweProperties() {
        return Tokens.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    @Test
    void contextWhenNoJwePropertiesThenNothingDefined() {
        runner.run(c -> assertThat(c).hasNotFailed().doesNotHaveBean(JwtDecoder.class)
                .doesNotHaveBean(TokenValidator.class));
    }

    @Test
    void contextWhenJwePropertiesThenDecoderConverterResolverAndHealth() {
        runner.withPropertyValues(jweProperties()).run(c -> {
            assertThat(c).hasSingleBean(JweTokenValidator.class).hasSingleBean(JwtAuthenticationConverter.class)
                    .hasSingleBean(BearerTokenResolver.class).hasBean("jweHealthIndicator");
            assertThat(c.getBean(JwtDecoder.class)).isInstanceOf(JweJwtDecoder.class);
        });
    }

    @Test
    void contextWhenHealthIndicatorDisabledThenNone() {
        runner.withPropertyValues(jweProperties()).withPropertyValues("management.health.jwe.enabled=false")
                .run(c -> assertThat(c).hasNotFailed().doesNotHaveBean("jweHealthIndicator"));
    }

    @Test
    void contextWhenApplicationHasTokenValidatorThenDecoderUsesItAndNoneIsBuilt() {
        runner.withPropertyValues(jweProperties()).withUserConfiguration(OwnValidator.class).run(c -> {
            assertThat(c).doesNotHaveBean(JweTokenValidator.class).doesNotHaveBean("jweHealthIndicator");
            assertThatThrownBy(() -> c.getBean(JwtDecoder.class).decode("anything"))
                    .isInstanceOf(BadJwtException.class).hasMessage(Reason.REVOKED.description());
        });
    }

    @Test
    void decodeWhenCustomizerAndAuditListenerBeansThenBothApplied() {
        runner.withPropertyValues(jweProperties()).withUserConfiguration(ClockInTheFuture.class).run(c -> {
            String token = TOKENS.token(List.of(), List.of());

            assertThatThrownBy(() -> c.getBean(JwtDecoder.class).decode(token))
                    .isInstanceOf(BadJwtException.class).hasMessage(Reason.EXPIRED.description());
            assertThat(c.getBean(AuditEvents.class).take()).extracting(AuditEvent::reason)
                    .containsExactly(Reason.EXPIRED);
        });
    }

    @Test
    void decodeWhenTokenRevokedThroughTheValidatorBeanThenRevoked() {
        runner.withPropertyValues(jweProperties()).run(c -> {
            String token = TOKENS.token(Clock.systemUTC(), claims -> claims.claim("jti", "order-42"));
            JweJwt jwt = (JweJwt) c.getBean(JwtDecoder.class).decode(token);

            c.getBean(JweTokenValidator.class).revocationStore().revoke(jwt.verifiedToken().orElseThrow());

            assertThatThrownBy(() -> c.getBean(JwtDecoder.class).decode(token))
                    .isInstanceOf(BadJwtException.class).hasMessage(Reason.REVOKED.description());
        });
    }

    @Test
    void decodeWhenReplayProtectedAndTokenUsedTwiceThenReplayed() {
        runner.withPropertyValues(jweProperties()).withPropertyValues("jwe.replay.protect=true").run(c -> {
            String token = TOKENS.token(Clock.systemUTC(), claims -> claims.claim("jti", "once"));
            c.getBean(JwtDecoder.class).decode(token);

            assertThatThrownBy(() -> c.getBean(JwtDecoder.class).decode(token))
                    .isInstanceOf(BadJwtException.class).hasMessage(Reason.REPLAYED.description());
        });
    }

    @Test
    void contextWhenIssuerSetButNoKeysThenFailsNamingDecryptionKeys() {
        runner.withPropertyValues("jwe.issuer=https://issuer.test", "jwe.audience=api").run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("jwe.decryption.keys");
        });
    }

    @Test
    void defaultChainWhenApplicationHasNoSecurityFilterChainThenBootsChainUsesJweDecoder() {
        new WebApplicationContextRunner().withUserConfiguration(AllAutoConfiguration.class)
                .withPropertyValues(jweProperties()).run(c -> {
                    assertThat(c).hasNotFailed().hasBean("jwtSecurityFilterChain");
                    assertThat(c.getBean(JwtDecoder.class)).isInstanceOf(JweJwtDecoder.class);
                    assertThat(c.getBean("jweAttemptFilter", FilterRegistrationBean.class).getOrder()).isEqualTo(-101);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnValidator {
        @Bean
        TokenValidator ownValidator() {
            return (token, request) -> {
                throw new dev.jwe.core.TokenRejectedException(Reason.REVOKED);
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClockInTheFuture {
        @Bean
        JweValidatorCustomizer inAYear() {
            return b -> b.clock(Clock.fixed(Instant.now().plus(Duration.ofDays(365)), ZoneOffset.UTC));
        }

        @Bean
        AuditEvents auditEvents() {
            return new AuditEvents();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AllAutoConfiguration {
    }
}
