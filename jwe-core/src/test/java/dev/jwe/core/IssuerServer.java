package dev.jwe.core;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test identity provider on an ephemeral loopback port (the JDK's HTTP server) for several
 * issuers: each issuer's key set and its metadata, at the OpenID Connect address
 * ({@code <issuer>/.well-known/openid-configuration}) or the RFC 8414 one
 * ({@code /.well-known/oauth-authorization-server<path>}). Documents can be changed or removed,
 * and the whole server taken down (503), at will. Unknown paths answer 404.
 */
public final class IssuerServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile boolean down;

    /** Starts the server on 127.0.0.1 and a free port, serving nothing yet. */
    public IssuerServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "issuer-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            try (exchange) {
                String body = down ? null : documents.get(exchange.getRequestURI().getPath());
                byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(down ? 503 : body == null ? 404 : 200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // the client went away: nothing to do
            }
        });
        server.start();
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An issuer identifier on this server, e.g. {@code issuer("/realms/a")}. */
    public String issuer(String path) {
        return base() + path;
    }

    /** The key set URL of the issuer at this path. */
    public String jwksUrl(String path) {
        return base() + path + "/jwks";
    }

    /** Serves these keys (public halves) as the key set of the issuer at this path. */
    public IssuerServer keys(String path, KeyEntry... keys) {
        documents.put(path + "/jwks", KeySet.of(List.of(keys)).toPublicJwks("sig"));
        return this;
    }

    /** Serves OpenID Connect metadata for the issuer at this path, naming {@code issuer} as its issuer. */
    public IssuerServer openIdConfiguration(String path, String issuer) {
        documents.put(path + "/.well-known/openid-configuration", metadata(issuer, jwksUrl(path)));
        return this;
    }

    /** Serves RFC 8414 metadata for the issuer at this path, at the address RFC 8414 §3.1 gives it. */
    public IssuerServer authorizationServerMetadata(String path, String issuer) {
        documents.put("/.well-known/oauth-authorization-server" + path, metadata(issuer, jwksUrl(path)));
        return this;
    }

    /** Serves this document at this path. */
    public IssuerServer document(String path, String json) {
        documents.put(path, json);
        return this;
    }

    /** Answers every request with 503 (true) or serves again (false). */
    public IssuerServer down(boolean down) {
        this.down = down;
        return this;
    }

    /** How many requests arrived. */
    public int hits() {
        return hits.get();
    }

    private static String metadata(String issuer, String jwksUri) {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\",\"response_types_supported\":[\"code\"]}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
