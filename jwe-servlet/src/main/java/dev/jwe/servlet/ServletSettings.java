package dev.jwe.servlet;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.settings.Setting;
import dev.jwe.core.settings.SettingsDeclaration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Servlet side of {@link JweSettings}: the settings only this module reads, declared here
 * (found by {@link java.util.ServiceLoader} as a {@link SettingsDeclaration}, so an unknown
 * {@code jwe.*} key is still an error), and how a filter or servlet loads its settings:
 * init-params first, then the context-params of web.xml, system properties and environment
 * variables ({@code jwe.config} is read by {@link JweSettings.Builder#build()} as the lowest layer).
 * The options every adapter reads ({@code jwe.realm}, ...) are core's
 * {@link dev.jwe.core.settings.AdapterSettings}. Stateless.
 */
public final class ServletSettings implements SettingsDeclaration {
    private static final Setting.Declarer SERVLET = Setting.declaredBy("jwe-servlet");

    /** {@code jwe.exclude-paths}: paths the filter lets through without authentication. */
    public static final Setting<List<String>> EXCLUDE_PATHS = SERVLET.list("jwe.exclude-paths",
            "Paths that skip authentication, comma-separated; a trailing /* matches a prefix.");
    /** {@code jwe.replay.paths}: paths whose tokens the filter accepts once. */
    public static final Setting<List<String>> REPLAY_PATHS = SERVLET.list("jwe.replay.paths",
            "Servlet filter: paths whose tokens are one-time (exact, or a prefix ending in /*); a second use of a jti"
                    + " there is REPLAYED.");

    /** {@code jwe.resource.authorization-servers}: {@code authorization_servers} of the RFC 9728 metadata. */
    public static final Setting<List<String>> RESOURCE_AUTHORIZATION_SERVERS = SERVLET.list(
            "jwe.resource.authorization-servers", "ProtectedResourceMetadataServlet: issuer identifiers listed as"
                    + " authorization_servers (RFC 9728); default: the configured issuers (jwe.issuer).");
    /** {@code jwe.resource.scopes}: {@code scopes_supported} of the RFC 9728 metadata. */
    public static final Setting<List<String>> RESOURCE_SCOPES = SERVLET.list("jwe.resource.scopes",
            "ProtectedResourceMetadataServlet: scopes listed as scopes_supported (RFC 9728), comma-separated.");
    /** {@code jwe.resource.jwks-uri}: {@code jwks_uri} of the RFC 9728 metadata. */
    public static final Setting<String> RESOURCE_JWKS_URI = SERVLET.string("jwe.resource.jwks-uri", null,
            "ProtectedResourceMetadataServlet: URL of our published encryption keys (jwks_uri, https); default: the"
                    + " JwksPublishingServlet of the same application at the host of jwe.resource.")
            .documentedDefault("the JWKS servlet");

    /** For {@link java.util.ServiceLoader}. */
    public ServletSettings() {
    }

    /** {@link #EXCLUDE_PATHS}, {@link #REPLAY_PATHS} and the metadata servlet's {@code jwe.resource.*}. */
    @Override
    public List<Setting<?>> settings() {
        return List.of(EXCLUDE_PATHS, REPLAY_PATHS, RESOURCE_AUTHORIZATION_SERVERS, RESOURCE_SCOPES, RESOURCE_JWKS_URI);
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
