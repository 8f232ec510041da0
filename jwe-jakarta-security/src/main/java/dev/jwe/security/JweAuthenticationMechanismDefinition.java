package dev.jwe.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns on {@link JweAuthenticationMechanism} for the application, in the spirit of
 * {@code @BasicAuthenticationMechanismDefinition}: put it on any class the container's CDI
 * discovers, i.e. a bean: e.g. the JAX-RS {@code Application} subclass made
 * {@code @ApplicationScoped} (a plain {@code Application} subclass is not discovered in an implicit
 * bean archive).
 * <pre>{@code
 * @JweAuthenticationMechanismDefinition
 * @ApplicationScoped
 * @ApplicationPath("/api")
 * public class OrdersApplication extends Application {
 * }
 * }</pre>
 * Without it the {@code jwe-jakarta-security} jar in {@code WEB-INF/lib} does nothing. The
 * settings ({@code jwe.decryption.keys}, {@code jwe.issuer}, ...) come from the context-params of
 * {@code web.xml}, system properties, environment variables and the {@code jwe.config} file,
 * through {@link dev.jwe.core.JweSettings}, as for the Servlet filter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JweAuthenticationMechanismDefinition {
}
