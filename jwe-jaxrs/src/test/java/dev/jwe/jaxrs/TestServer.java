package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jakarta REST application served over real HTTP: Jetty ee10 on a loopback port hosts the
 * implementation's servlet; the client is the JDK's.
 */
final class TestServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Installs an implementation's servlet for an application on {@code /*}. */
    interface Installer {
        /**
         * @return what to close after the server stopped
         */
        AutoCloseable install(ServletContextHandler context, Application app) throws Exception;
    }

    private final Server jetty;
    private final AutoCloseable implementation;
    private final URI base;

    private TestServer(Server jetty, AutoCloseable implementation, URI base) {
        this.jetty = jetty;
        this.implementation = implementation;
        this.base = base;
    }

    static TestServer start(Installer installer, Application app, Consumer<ServletContextHandler> customize)
            throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        customize.accept(context);
        AutoCloseable implementation = installer.install(context, app);
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            implementation.close();
            throw e;
        }
        return new TestServer(jetty, implementation, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    /** The base of the application, {@code http://127.0.0.1:PORT}, without trailing slash. */
    URI base() {
        return base;
    }

    URI uri(String path) {
        return base.resolve(path);
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
            jetty.stop();
            implementation.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test server", e);
        }
    }
}
