package dev.jwe.servlet;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.http.Challenge;
import dev.jwe.core.http.ProtectedResource;
import dev.jwe.core.settings.AdapterSettings;
import dev.jwe.core.settings.CoreSettings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves this application's OAuth 2.0 protected-resource metadata (RFC 9728 §2, §3), so that a
 * client that got our 401 (whose challenge names the document in {@code resource_metadata}) learns
 * which authorization servers issue tokens for us and which key to encrypt them to:
 * <pre>{@code
 * {"resource":"https://api.example/orders",
 *  "authorization_servers":["https://sso.example/realms/main"],
 *  "jwks_uri":"https://api.example/orders/.well-known/jwks.json",
 *  "scopes_supported":["orders:read"],
 *  "bearer_methods_supported":["header"]}
 * }</pre>
 * Opt-in: map it, and set {@code jwe.resource} (the resource identifier, an https URL; see
 * {@link ProtectedResource}); without that setting it answers 404, as if it were not there.
 * {@code authorization_servers} are {@code jwe.resource.authorization-servers}, else the configured
 * issuers; {@code jwks_uri} is {@code jwe.resource.jwks-uri}, else the {@link JwksPublishingServlet}
 * of the same application (its first exact mapping, under the scheme and host of the resource
 * identifier and this context path), else left out; {@code scopes_supported} is
 * {@code jwe.resource.scopes}, left out when empty. {@code bearer_methods_supported} is always
 * {@code ["header"]} (why: {@link ProtectedResource#metadataJson}).
 *
 * <pre>{@code
 * <context-param><param-name>jwe.resource</param-name><param-value>https://api.example</param-value></context-param>
 * <servlet>
 *   <servlet-name>resource-metadata</servlet-name>
 *   <servlet-class>dev.jwe.servlet.ProtectedResourceMetadataServlet</servlet-class>
 *   <load-on-startup>1</load-on-startup>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>resource-metadata</servlet-name>
 *   <url-pattern>/.well-known/oauth-protected-resource</url-pattern>
 * </servlet-mapping>
 * }</pre>
 * Clients look for the document at {@link ProtectedResource#metadataUrl()}: the well-known path
 * sits at the root of the host, before the resource's path, so an application deployed under a
 * context path needs the root context or a proxy rule that forwards that URL to this servlet.
 *
 * <p>Settings are read as the filter reads them (init-params, context-params, system properties,
 * environment, {@code jwe.config}); a wrong one fails {@link #init()} naming it. {@code GET} and
 * {@code HEAD} answer {@code application/json} with {@code Cache-Control: public, max-age=3600}
 * (the document changes only with a redeployment). Thread-safe.
 */
public final class ProtectedResourceMetadataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ProtectedResourceMetadataServlet.class);

    /** The media type of the document (RFC 9728 §3.2). */
    static final String APPLICATION_JSON = "application/json";
    /** How long clients and caches may keep the document. */
    static final String CACHE_CONTROL = "public, max-age=3600";

    /** The document, or {@code null} while {@code jwe.resource} is not set. */
    private transient volatile byte[] document;

    /** For web.xml and registration in code; everything comes from the settings. */
    public ProtectedResourceMetadataServlet() {
    }

    /**
     * Reads the settings and makes the document.
     *
     * @throws ServletException naming the setting that is wrong
     */
    @Override
    public void init() throws ServletException {
        String what = "servlet '" + getServletName() + "'";
        try {
            JweSettings settings = ServletSettings.load("init-param of " + what, getInitParameterNames(),
                    this::getInitParameter, getServletContext());
            Optional<ProtectedResource> resource = ProtectedResource.from(settings);
            if (resource.isEmpty()) {
                LOG.warn("jwe {}: {} is not set, so there is no protected-resource metadata to serve: answering 404",
                        what, AdapterSettings.RESOURCE.name());
                return;
            }
            ProtectedResource r = resource.get();
            List<String> servers = settings.get(ServletSettings.RESOURCE_AUTHORIZATION_SERVERS);
            for (String server : servers) {
                ProtectedResource.checkUrl(ServletSettings.RESOURCE_AUTHORIZATION_SERVERS.name(), server);
            }
            if (servers.isEmpty()) {
                servers = configuredIssuers(settings);
            }
            String jwksUri = settings.get(ServletSettings.RESOURCE_JWKS_URI);
            if (jwksUri != null) {
                ProtectedResource.checkUrl(ServletSettings.RESOURCE_JWKS_URI.name(), jwksUri);
            } else {
                jwksUri = publishedKeysUrl(r, getServletContext()).orElse(null);
            }
            List<String> scopes = settings.get(ServletSettings.RESOURCE_SCOPES);
            for (String scope : scopes) {
                try {
                    Challenge.checkScope(scope);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(ServletSettings.RESOURCE_SCOPES.name(),
                            "a scope has characters RFC 6749 section 3.3 does not allow");
                }
            }
            document = r.metadataJson(servers, jwksUri, scopes).getBytes(StandardCharsets.UTF_8);
            LOG.info("jwe {} serves the protected-resource metadata of {} (clients fetch it from {}): authorization"
                    + " servers {}, jwks_uri {}", what, r.identifier(), r.metadataUrl(), servers, jwksUri);
        } catch (ConfigurationException e) {
            throw ServletSettings.initFailure(what, e);
        }
    }

    /**
     * The issuers a token may come from: the default of {@code authorization_servers}. One method,
     * so that every way of configuring issuers is read here.
     */
    static List<String> configuredIssuers(JweSettings settings) {
        return settings.get(CoreSettings.ISSUER);
    }

    /** The first exact mapping of a JWKS servlet of this application, at the resource's scheme and host. */
    private static Optional<String> publishedKeysUrl(ProtectedResource resource, ServletContext context) {
        URI id = URI.create(resource.identifier());
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            if (!JwksPublishingServlet.class.getName().equals(registration.getClassName())) {
                continue;
            }
            for (String mapping : registration.getMappings()) {
                if (mapping.startsWith("/") && !mapping.contains("*")) {
                    return Optional.of(id.getScheme() + "://" + id.getRawAuthority() + context.getContextPath() + mapping);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = document;
        if (body == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        response.setStatus(200);
        response.setContentType(APPLICATION_JSON);
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
