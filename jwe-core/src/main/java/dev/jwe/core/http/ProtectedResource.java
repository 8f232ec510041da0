package dev.jwe.core.http;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.settings.AdapterSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * This application as an OAuth 2.0 protected resource (RFC 9728): its resource identifier, the
 * setting {@code jwe.resource}, and the URL of its metadata document, where clients learn which
 * authorization servers issue tokens for it and which key to encrypt them to. Configured, every
 * {@code WWW-Authenticate} challenge of every adapter carries {@code resource_metadata="<URL>"}
 * (RFC 9728 §5.1) and {@code ProtectedResourceMetadataServlet} answers at that URL.
 *
 * <p>The identifier is an {@code https} URL without fragment or user info (RFC 9728 §1.2), or an
 * {@code http} URL whose host is loopback (development); the metadata URL inserts
 * {@value #WELL_KNOWN_PATH} between the host and the path (RFC 9728 §3.1), so
 * {@code https://api.example/orders} has its metadata at
 * {@code https://api.example/.well-known/oauth-protected-resource/orders}. Immutable.
 *
 * @param identifier the resource identifier, as configured (trimmed)
 */
public record ProtectedResource(String identifier) {
    /** The well-known path suffix of the metadata (RFC 9728 §3). */
    public static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

    /**
     * Checks the identifier.
     *
     * @throws ConfigurationException naming {@code jwe.resource} when it is not an https URL (or
     *     loopback http) without fragment and user info
     */
    public ProtectedResource {
        checkUrl(AdapterSettings.RESOURCE.name(), Objects.requireNonNull(identifier, "identifier"));
    }

    /**
     * Checks a URL that a client will be sent to (the resource identifier, a {@code jwks_uri}):
     * absolute, {@code https} (plain {@code http} only to a literal loopback host or
     * {@code localhost}), without fragment or user info (RFC 9728 §1.2, §2).
     *
     * @param setting the setting that holds it, named in the exception
     * @param url the URL
     * @return {@code url}
     * @throws ConfigurationException naming {@code setting}, never repeating the value
     */
    public static String checkUrl(String setting, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(setting, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            throw new ConfigurationException(setting, "must be an absolute https URL with a host");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
            throw new ConfigurationException(setting, "must be an https URL (plain http only on loopback)");
        }
        if (uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigurationException(setting, "must have no fragment and no user info (RFC 9728 section 1.2)");
        }
        return url;
    }

    /**
     * The resource of an adapter's settings.
     *
     * @param settings the settings
     * @return the resource, or empty when {@code jwe.resource} is not set
     * @throws ConfigurationException naming {@code jwe.resource} when its value is not allowed
     */
    public static Optional<ProtectedResource> from(JweSettings settings) {
        String value = settings.get(AdapterSettings.RESOURCE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new ProtectedResource(value.trim()));
    }

    /**
     * The URL of the metadata document (RFC 9728 §3.1): {@value #WELL_KNOWN_PATH} inserted between
     * the host (and port) and the path, a terminating slash of the identifier dropped.
     *
     * @return the URL
     */
    public String metadataUrl() {
        URI uri = URI.create(identifier);
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return uri.getScheme() + "://" + uri.getRawAuthority() + WELL_KNOWN_PATH + path + query;
    }

    /**
     * The metadata document (RFC 9728 §2) of this resource, as {@code application/json}:
     * {@code resource}, then the optional members that are given. {@code bearer_methods_supported}
     * is {@code ["header"]}: the standard way our adapters read a token is the {@code Authorization}
     * header; a token in a query parameter is never read (RFC 6750 §2.3 advises against it, it
     * ends up in logs) and neither is a form body (RFC 6750 §2.2), and the optional
     * {@code jwe.token-header} / {@code jwe.token-cookie} are not methods RFC 9728 can name.
     *
     * @param authorizationServers issuer identifiers of the authorization servers (may be empty)
     * @param jwksUri the URL of our published encryption keys, or {@code null}
     * @param scopesSupported the scopes to list (may be empty)
     * @return the JSON document
     */
    public String metadataJson(List<String> authorizationServers, String jwksUri, List<String> scopesSupported) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", identifier);
        if (!authorizationServers.isEmpty()) {
            doc.put("authorization_servers", List.copyOf(authorizationServers));
        }
        if (jwksUri != null) {
            doc.put("jwks_uri", jwksUri);
        }
        if (!scopesSupported.isEmpty()) {
            doc.put("scopes_supported", List.copyOf(scopesSupported));
        }
        doc.put("bearer_methods_supported", List.of("header"));
        return dev.jwe.core.internal.Json.write(doc);
    }

    /** Literal loopback addresses and {@code localhost} only: no DNS lookup decides it. */
    private static boolean isLoopback(String host) {
        String literal = host.replace("[", "").replace("]", "");
        if (literal.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return (literal.contains(":") || literal.matches("[0-9.]+")) && InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

}
