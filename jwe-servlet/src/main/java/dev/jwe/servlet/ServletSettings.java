package dev.jwe.servlet;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Servlet side of {@link JweSettings}: init-params of the filter or servlet first, then the
 * context-params of web.xml, system properties and environment variables ({@code jwe.config} is
 * read by {@link JweSettings.Builder#build()} as the lowest layer).
 */
final class ServletSettings {

    private ServletSettings() {
    }

    /**
     * The layered settings of one filter or servlet.
     *
     * @param origin names the init-params in messages, e.g. {@code init-param of filter jwe}
     * @param names the init-param names
     * @param initParam the init-param lookup
     * @param context the servlet context, for its context-params
     * @return the settings
     */
    static JweSettings load(String origin, Enumeration<String> names, UnaryOperator<String> initParam,
            ServletContext context) {
        return JweSettings.builder()
                .add(origin, toMap(names, initParam))
                .add("context-param", toMap(context.getInitParameterNames(), context::getInitParameter))
                .addSystemProperties()
                .addEnvironment(System.getenv())
                .build();
    }

    static Map<String, String> toMap(Enumeration<String> names, UnaryOperator<String> lookup) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : Collections.list(names)) {
            out.put(name, lookup.apply(name));
        }
        return out;
    }

    /**
     * A setting's value, or its documented default from {@link JweSettings#knownSettings()}.
     *
     * @param settings the settings
     * @param name the setting
     * @return the value or default, or {@code null} when there is neither
     */
    static String valueOrDefault(JweSettings settings, String name) {
        return settings.get(name).orElseGet(() -> JweSettings.knownSettings().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow().defaultValue());
    }

    /**
     * The exception that fails {@code init()}, and so the deployment, with the setting's name.
     *
     * @param what the filter or servlet, e.g. {@code filter 'jwe'}
     * @param e the configuration problem
     * @return the exception to throw
     */
    static ServletException initFailure(String what, ConfigurationException e) {
        return new ServletException("jwe " + what + ": " + e.getMessage(), e);
    }
}
