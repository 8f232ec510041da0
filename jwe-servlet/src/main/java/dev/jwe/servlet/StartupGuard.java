package dev.jwe.servlet;

import dev.jwe.core.http.ErrorResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;

/**
 * Answers 503 to every request of an application in which a {@link JweAuthenticationFilter}
 * could not initialise, instead of letting the container serve it without the filter (Payara) or
 * with an HTML 500 (WildFly, which initialises filters on the first request: the failure surfaces
 * inside this guard's chain and is answered here). Registered by {@link JweStartupCheck} in front
 * of every other filter; a failing filter marks the context through {@link #markFailed}. Costs
 * one context attribute lookup per request. Thread-safe.
 */
final class StartupGuard extends HttpFilter {
    private static final long serialVersionUID = 1L;
    /** Context attribute holding the first failure's message (names the setting, never a value). */
    static final String FAILED_ATTRIBUTE = "dev.jwe.servlet.JweAuthenticationFilter.failed";
    static final String NAME = "dev.jwe.servlet.startup-guard";

    static void register(ServletContext context) {
        FilterRegistration.Dynamic guard = context.addFilter(NAME, new StartupGuard());
        if (guard != null) {
            guard.setAsyncSupported(true);
            // isMatchAfter=false: before the filters of web.xml.
            guard.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }

    /**
     * Marks the application failed: from now on the guard answers 503.
     *
     * @param context the application
     * @param failure why the filter could not initialise
     */
    static void markFailed(ServletContext context, Exception failure) {
        if (context.getAttribute(FAILED_ATTRIBUTE) == null) {
            context.setAttribute(FAILED_ATTRIBUTE, String.valueOf(failure.getMessage()));
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (failed()) {
            unavailable(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!failed() || response.isCommitted()) {
                throw e;
            }
            response.reset();
            unavailable(response);
        }
    }

    private boolean failed() {
        return getServletContext().getAttribute(FAILED_ATTRIBUTE) != null;
    }

    private static void unavailable(HttpServletResponse response) throws IOException {
        ProblemResponse.send(response, ErrorResponse.unavailable());
    }
}
