package dev.jwe.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;

/**
 * Fails the deployment when a {@link JweAuthenticationFilter} is misconfigured, on every
 * container. Found by the container in {@code META-INF/services} of this jar; the application
 * does nothing to enable it.
 *
 * <p>Why: the Servlet specification lets a container initialise filters when it likes, and two
 * common servers do not fail the deployment when a filter's {@code init()} throws. WildFly
 * (Undertow) initialises filters on the first request, so a misspelt setting deploys and every
 * request answers 500; Payara logs the failure and deploys the application <em>without the
 * filter</em>, which would serve every protected resource unauthenticated. So at start-up this
 * initializer
 * <ol>
 *   <li>registers a guard filter in front of all others that answers 503 to every request once
 *       a jwe filter of the application failed to initialise (the last line of defence for a
 *       filter the container skipped, or one registered later in code), and</li>
 *   <li>initialises a throw-away copy of every {@link JweAuthenticationFilter} registered so far
 *       (those of {@code web.xml}, annotations and earlier initializers) with the registration's
 *       init-params, exactly as the container will, and throws the first failure, which names the
 *       setting, so the deployment fails.</li>
 * </ol>
 * The copy builds the filter's validator once more at start-up (key files are read twice; a
 * remote JWKS may be fetched twice) and is then dropped.
 *
 * <p>A filter registered in code with a ready {@link dev.jwe.core.TokenValidator} is registered
 * from a {@code ServletContextListener} or later (this initializer cannot see the instance and
 * would check it as a {@code web.xml} filter); the guard still covers it.
 *
 * <p>Stateless; the container calls it once per application.
 */
public final class JweStartupCheck implements ServletContainerInitializer {

    /** For {@link java.util.ServiceLoader}. */
    public JweStartupCheck() {
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        StartupGuard.register(context);
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (JweAuthenticationFilter.class.getName().equals(registration.getClassName())) {
                JweAuthenticationFilter copy = new JweAuthenticationFilter();
                copy.init(new RegistrationConfig(registration, context));
                copy.destroy();
            }
        }
    }

    /** A registration seen as the container will hand it to the filter. */
    private record RegistrationConfig(FilterRegistration registration, ServletContext context) implements FilterConfig {
        @Override
        public String getFilterName() {
            return registration.getName();
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }

        @Override
        public String getInitParameter(String name) {
            return registration.getInitParameter(name);
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            Map<String, String> params = registration.getInitParameters();
            return Collections.enumeration(params.keySet());
        }
    }
}
