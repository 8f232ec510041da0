package dev.jwe.samples.ee.late;

import dev.jwe.servlet.JweAuthenticationFilter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Registers a jwe filter in code after the container initializers ran, with a misspelt setting:
 * jwe's start-up check cannot see it, so its guard must answer 503 where the container skips the
 * filter (Payara) or initialises it on the first request (WildFly).
 */
public class LateRegistration implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FilterRegistration.Dynamic jwe = event.getServletContext().addFilter("jwe-late", JweAuthenticationFilter.class);
        jwe.setInitParameter("jwe.audiance", "jwe-ee-filter");
        jwe.addMappingForUrlPatterns(null, true, "/api/*");
    }
}
