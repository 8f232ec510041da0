package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A Jakarta REST application served over real HTTP: a {@link ServletHost} on a loopback port
 * (Jetty ee10 in this module, Jetty ee11 in the EE 11 leg) hosts the implementation's servlet; the
 * client is the JDK's.
 */
final class TestServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Installs an implementation's servlet for an application on {@code /*}. */
    interface Installer {
        /**
         * @return what to close after the server stopped
         */
        AutoCloseable install(ServletHost.Context context, Application app) throws Exception;
    }

    private final ServletHost.Started server;
    private final AutoCloseable implementation;

    private TestServer(ServletHost.Started server, AutoCloseable implementation) {
        this.server = server;
        this.implementation = implementation;
    }

    /**
     * Starts {@code host} with {@code customize}'s additions and the implementation's servlet.
     *
     * @throws Exception when the server does not start; what was installed is closed then
     */
    static TestServer start(ServletHost host, Installer installer, Application app,
            Consumer<ServletHost.Context> customize) throws Exception {
        AutoCloseable[] implementation = {() -> { }};
        try {
            ServletHost.Started server = host.start(context -> {
                customize.accept(context);
                implementation[0] = installer.install(context, app);
            });
            return new TestServer(server, implementation[0]);
        } catch (Exception e) {
            implementation[0].close();
            throw e;
        }
    }

    /** The base of the application, {@code http://127.0.0.1:PORT}, without trailing slash. */
    URI base() {
        return server.base();
    }

    URI uri(String path) {
        return server.base().resolve(path);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        try {
            server.stop();
            implementation.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test server", e);
        }
    }
}
