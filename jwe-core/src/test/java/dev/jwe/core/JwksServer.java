package dev.jwe.core;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test JWKS server on an ephemeral loopback port (the JDK's HTTP server), whose answer the
 * test changes at will: body, status, delay, Cache-Control, or a huge body.
 */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile String body = "{\"keys\":[]}";
    private volatile int status = 200;
    private volatile long delayMillis;
    private volatile String cacheControl;
    private volatile int hugeBytes;

    /** Starts the server on 127.0.0.1 and a free port. */
    public JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jwks-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/jwks.json", exchange -> {
            hits.incrementAndGet();
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                if (cacheControl != null) {
                    exchange.getResponseHeaders().add("Cache-Control", cacheControl);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
                if (hugeBytes > 0) {
                    exchange.sendResponseHeaders(status, 0);
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int sent = 0; sent < hugeBytes; sent += chunk.length) {
                            out.write(chunk);
                        }
                    }
                } else {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (timeout, size cap): nothing to do
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The key set URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** How many requests arrived. */
    public int hits() {
        return hits.get();
    }

    /** Serves this JSON with status 200 from now on. */
    public JwksServer serve(String json) {
        this.body = json;
        this.status = 200;
        this.hugeBytes = 0;
        return this;
    }

    /** Answers with this status (and the current body). */
    public JwksServer status(int status) {
        this.status = status;
        return this;
    }

    /** Waits this long before answering. */
    public JwksServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Sends this Cache-Control header. */
    public JwksServer cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    /** Streams a body of about this many bytes without a Content-Length. */
    public JwksServer huge(int bytes) {
        this.hugeBytes = bytes;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
