package dev.jwe.core;

import dev.jwe.core.internal.CappedBody;
import dev.jwe.core.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification keys found from an issuer's URL, as OpenID Connect clients and Spring's
 * {@code issuer-uri} find them: {@code <issuer>/.well-known/openid-configuration}, then the RFC 8414
 * {@code /.well-known/oauth-authorization-server} (inserted before the issuer's path, RFC 8414 §3.1);
 * the metadata's {@code issuer} must equal the configured one exactly; its {@code jwks_uri} then
 * serves as a {@link RemoteJwks} (cache, refresh, rate limit, stale-if-error). Own code rather than
 * an OIDC client library: two GETs and one JSON member, with the same rules as our key set fetches
 * (https only, plain http only to loopback, no redirects, a timeout over the whole exchange, a size
 * cap). The metadata is read once; until that succeeds (start-up without
 * {@code jwe.verification.fetch-at-start}), a request tries again at most once per minimum refresh
 * interval and otherwise fails at once as our outage (503). Thread-safe.
 */
final class DiscoveredJwks implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveredJwks.class);
    private static final int MAX_METADATA_BYTES = 256 * 1024;

    private final String issuer;
    private final List<URI> metadataUris;
    private final RemoteJwks.Options options;
    private final HttpClient client;
    private final Object discovering = new Object();
    private volatile RemoteJwks jwks;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile Instant lastFailure;
    private volatile String lastError;

    /**
     * @param issuer the issuer identifier, an https URL (http only to loopback)
     * @param options timing and size options of the key set found
     * @throws KeySourceException when the issuer is not such a URL
     */
    DiscoveredJwks(String issuer, RemoteJwks.Options options) {
        this.issuer = issuer;
        this.options = options;
        try {
            RemoteJwks.checkUri(issuer);
        } catch (KeySourceException e) {
            throw new KeySourceException("Cannot discover the keys of issuer " + issuer
                    + ": discovery needs an https issuer URL (plain http only to loopback)");
        }
        this.metadataUris = metadataUris(issuer);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Where the metadata may be: OpenID Connect Discovery 1.0 §4 appends to the issuer (without
     * its terminating {@code /}); RFC 8414 §3.1 inserts between host and path.
     *
     * @param issuer the issuer URL
     * @return the two URLs, in the order they are tried
     */
    static List<URI> metadataUris(String issuer) {
        URI u = URI.create(issuer);
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String origin = u.getScheme() + "://" + u.getRawAuthority();
        return List.of(URI.create(origin + path + "/.well-known/openid-configuration"),
                URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    }

    /**
     * Reads the metadata and fetches the key set once, waiting for both (start-up).
     *
     * @throws KeySourceException naming the issuer when either fails
     */
    void discoverNow() {
        discover().fetchNow();
    }

    @Override
    public KeySet keys() {
        return discovered().keys();
    }

    /**
     * The keys usable now, without ever waiting (nor discovering): empty before the metadata has
     * been read or while nothing usable is cached. For callers with other sources to fall back on.
     *
     * @return the cached keys, possibly empty
     */
    KeySet cachedKeys() {
        RemoteJwks r = jwks;
        return r == null ? KeySet.empty() : r.cachedKeys();
    }

    @Override
    public KeySet keysForUnknownKid(String kid) {
        return discovered().keysForUnknownKid(kid);
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    @Override
    public List<KeySourceHealth> health() {
        RemoteJwks r = jwks;
        return r != null ? r.health() : List.of(new KeySourceHealth(metadataUris.get(0).toString(), List.of(), null,
                lastFailure, lastError, false));
    }

    /** The key set found, else a new discovery when one is due, else the last failure at once. */
    private RemoteJwks discovered() {
        RemoteJwks r = jwks;
        if (r != null) {
            return r;
        }
        if (options.clock().instant().isBefore(nextAttempt)) {
            throw new KeySourceException("Cannot discover the keys of issuer " + issuer + ": " + lastError);
        }
        return discover();
    }

    private RemoteJwks discover() {
        synchronized (discovering) {
            RemoteJwks r = jwks;
            if (r != null) {
                return r;
            }
            try {
                r = new RemoteJwks(jwksUri(), options);
            } catch (KeySourceException e) {
                lastFailure = options.clock().instant();
                lastError = e.getMessage();
                nextAttempt = lastFailure.plus(options.minRefreshInterval());
                LOG.warn("jwe: {}", e.getMessage());
                throw e;
            }
            jwks = r;
            lastError = null;
            return r;
        }
    }

    /** The {@code jwks_uri} of the first metadata document found, after its {@code issuer} is checked. */
    private String jwksUri() {
        List<String> failures = new ArrayList<>();
        for (URI uri : metadataUris) {
            Map<String, Object> metadata;
            try {
                metadata = fetch(uri);
            } catch (KeySourceException e) {
                failures.add(uri + ": " + e.getMessage());
                continue;
            }
            Object found = metadata.get("issuer");
            if (!(found instanceof String s) || !s.equals(issuer)) {
                throw new KeySourceException("The metadata at " + uri + " names issuer "
                        + (found instanceof String s ? "'" + s + "'" : "(none)") + ", not the configured '" + issuer
                        + "' (they must be equal exactly)");
            }
            if (!(metadata.get("jwks_uri") instanceof String jwksUri) || jwksUri.isBlank()) {
                throw new KeySourceException("The metadata at " + uri + " of issuer " + issuer + " has no jwks_uri");
            }
            try {
                RemoteJwks.checkUri(jwksUri);
            } catch (KeySourceException e) {
                throw new KeySourceException("The jwks_uri of issuer " + issuer + " (" + jwksUri
                        + ") is not https (plain http only to loopback)");
            }
            LOG.info("jwe: keys of issuer {} are at {} (from {})", issuer, jwksUri, uri);
            return jwksUri;
        }
        throw new KeySourceException("Cannot discover the keys of issuer " + issuer + ": " + String.join("; ", failures));
    }

    /** One GET, bounded by the timeout as a whole; a JSON object, else a short reason. */
    private Map<String, Object> fetch(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.timeout())
                .header("Accept", "application/json").GET().build();
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request,
                info -> new CappedBody(MAX_METADATA_BYTES,
                        info.headers().firstValueAsLong("Content-Length").orElse(-1) > MAX_METADATA_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = sent.get(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new KeySourceException("timed out");
        } catch (ExecutionException e) {
            throw new KeySourceException(RemoteJwks.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new KeySourceException("HTTP status " + response.statusCode());
        }
        try {
            return Json.parseObjectStrict(new String(response.body(), StandardCharsets.UTF_8), 8);
        } catch (Json.BadJsonException e) {
            throw new KeySourceException("not a JSON object");
        }
    }
}
