package dev.jwe.spring;

import dev.jwe.core.AuditListener;
import dev.jwe.core.AuditTrail;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.http.SenderConstraintOptions;
import dev.jwe.core.http.SenderConstraints;
import dev.jwe.core.settings.AdapterSettings;
import dev.jwe.core.settings.CoreSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.TokenValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Spring Boot auto-configuration: with this starter on the class path and {@code jwe.*} settings in
 * the environment ({@code application.properties}/{@code .yml}, profiles, system properties,
 * {@code JWE_*} environment variables), it defines
 * <ul>
 *   <li>{@link JweSettings} from those properties (an unknown {@code jwe.*} key fails the start,
 *       naming it);</li>
 *   <li>a {@link JweTokenValidator} built from them, adjusted by any {@link JweValidatorCustomizer}
 *       beans and given the application's {@link AuditListener} bean if it has exactly one (else the
 *       default JSON lines on {@code dev.jwe.audit}); unless the application has its own
 *       {@link TokenValidator};</li>
 *   <li>a {@link JweJwtDecoder} as the {@link JwtDecoder}, which Boot's default resource-server
 *       chain and {@code http.oauth2ResourceServer(o -> o.jwt(withDefaults()))} pick up; unless the
 *       application defines its own {@code JwtDecoder};</li>
 *   <li>a {@link JwtAuthenticationConverter} with {@link JweGrantedAuthoritiesConverter} and the
 *       {@code jwe.principal-claim}; unless the application defines its own;</li>
 *   <li>a {@link BearerTokenResolver} that extracts tokens as the other adapters do (with
 *       {@code jwe.token-header} and {@code jwe.token-cookie}); unless the application defines its
 *       own;</li>
 *   <li>in a Servlet web application, {@link JweAttemptFilter} just before Spring Security's filter
 *       chain: 503 for our failures and the audit events Spring Security's own answers need.</li>
 * </ul>
 * Runs before Boot's resource-server auto-configuration (Boot 4 and Boot 3 names), so that Boot
 * finds this decoder instead of looking for a JWK Set URI. The Actuator health contributor is
 * {@link JweHealthAutoConfiguration}.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnClass({JwtDecoder.class, JwtAuthenticationConverter.class})
@Conditional(OnJweSettings.class)
public class JweAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(JweAutoConfiguration.class);

    /**
     * @param environment Spring's environment
     * @return the {@code jwe.*} settings
     */
    @Bean
    @Lazy(false) // a wrong setting fails the start, also under spring.main.lazy-initialization
    @ConditionalOnMissingBean
    public JweSettings jweSettings(ConfigurableEnvironment environment) {
        return JweSpringSettings.from(environment);
    }

    /**
     * @param settings the settings
     * @param customizers adjustments, in order
     * @param auditListeners the application's audit listener, if exactly one
     * @return the validator
     */
    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean(TokenValidator.class)
    public JweTokenValidator jweTokenValidator(JweSettings settings, ObjectProvider<JweValidatorCustomizer> customizers,
            ObjectProvider<AuditListener> auditListeners) {
        JweTokenValidator.Builder builder = settings.toValidatorBuilder();
        auditListeners.ifUnique(builder::auditListener);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        JweTokenValidator validator = builder.build();
        LOG.info("jwe ready: {}", settings.describe());
        return validator;
    }

    /**
     * @param validator the validator
     * @param settings the settings ({@code jwe.dpop}, {@code jwe.mtls.certificate-header})
     * @return the decoder
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    public JweJwtDecoder jweJwtDecoder(TokenValidator validator, JweSettings settings) {
        SenderConstraintOptions options = SenderConstraintOptions.from(settings);
        if (options.nonceRequired()) {
            throw new ConfigurationException("jwe.dpop.nonce", "not supported by the Spring Boot starter: Spring"
                    + " Security's DPoP entry point cannot send the DPoP-Nonce header");
        }
        return new JweJwtDecoder(validator, SenderConstraints.of(validator, options));
    }

    /**
     * @param settings the settings
     * @return roles as {@code ROLE_*}, scopes as {@code SCOPE_*}, the principal from
     *     {@code jwe.principal-claim}
     */
    @Bean
    @ConditionalOnMissingBean(JwtAuthenticationConverter.class)
    public JwtAuthenticationConverter jweJwtAuthenticationConverter(JweSettings settings) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new JweGrantedAuthoritiesConverter(
                settings.get(CoreSettings.ROLES_CLAIM),
                settings.get(CoreSettings.SCOPE_CLAIM)));
        String principalClaim = settings.get(CoreSettings.PRINCIPAL_CLAIM);
        if (principalClaim.contains(",")) {
            // Spring's converter names the principal from one claim; a fallback list would be taken
            // as one literal claim name and leave every principal without a name.
            throw new ConfigurationException(CoreSettings.PRINCIPAL_CLAIM.name(), "a list of claims is not supported"
                    + " by the Spring Boot starter; name one claim (or define your own JwtAuthenticationConverter)");
        }
        converter.setPrincipalClaimName(principalClaim);
        return converter;
    }

    /**
     * @param settings the settings
     * @return the token extraction shared with the other adapters
     */
    @Bean
    @ConditionalOnMissingBean(BearerTokenResolver.class)
    public BearerTokenResolver jweBearerTokenResolver(JweSettings settings) {
        return new JweBearerTokenResolver(settings.get("jwe.token-header").orElse(null),
                settings.get("jwe.token-cookie").orElse(null), settings.get(AdapterSettings.TOKEN_COOKIE_CSRF_PROTECTED));
    }

    /** The filter around Spring Security's chain, in Servlet applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ServletConfiguration {

        /**
         * @param validator the validator whose audit trail records Spring Security's own answers
         * @param securityFilterOrder where Spring Security's filter chain runs ({@code spring.security.filter.order})
         * @return the registration, one place ahead of Spring Security
         */
        @Bean
        FilterRegistrationBean<JweAttemptFilter> jweAttemptFilter(TokenValidator validator,
                @Value("${spring.security.filter.order:-100}") int securityFilterOrder) {
            FilterRegistrationBean<JweAttemptFilter> registration =
                    new FilterRegistrationBean<>(new JweAttemptFilter(AuditTrail.of(validator, AuditTrail.NONE)));
            registration.setName("jweAttemptFilter");
            registration.setOrder(securityFilterOrder - 1);
            return registration;
        }
    }
}
