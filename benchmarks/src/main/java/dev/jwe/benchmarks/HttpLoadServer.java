package dev.jwe.benchmarks;

import dev.jwe.core.AuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.servlet.JweAuthenticationFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server behind {@code benchmarks/http-load.sh}: embedded Jetty 12 (ee10) on 127.0.0.1 with
 * one trivial servlet that answers {@code hello <principal name>} (or {@code hello anonymous}),
 * mounted four times:
 * <ul>
 *   <li>{@code /plain/hello}: no filter (the baseline);</li>
 *   <li>{@code /api/hello}: {@link JweAuthenticationFilter} registered in code with a ready
 *       validator, verified-token cache on (default 10,000 entries), {@link AuditListener#NOOP};</li>
 *   <li>{@code /audited/hello}: the same with the default audit listener
 *       ({@link AuditListener#slf4j()}: one JSON line per request on logger {@code dev.jwe.audit},
 *       written wherever the SLF4J binding sends it: in this jar Logback, through an
 *       {@code AsyncAppender} to the file named by {@code -Dbenchmarks.audit.file}, see
 *       {@code logback.xml});</li>
 *   <li>{@code /uncached/hello}: the same as {@code /api} with the cache off, so that every
 *       request pays the whole pipeline, as a token the server has not seen before does.</li>
 * </ul>
 * Every filtered path has its own validator on the system clock, each consulting the default
 * in-memory revocation store holding {@value ValidationBenchmark#REVOKED_OTHERS} revoked
 * {@code jti}s of other tokens. Suite: RSA-OAEP-256 + A256GCM around an RS256 JWS, 2048-bit keys
 * generated at start, tokens valid 24 h.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.jwe.benchmarks.HttpLoadServer [port] [token-dir]
 * [distinct-count]} (defaults 0, {@code .}, 2000). Writes {@code token.txt} (one token) and
 * {@code tokens.txt} (that many distinct tokens, one per line) to the directory, then prints
 * {@code listening on http://127.0.0.1:<port>} and serves until killed.
 */
public final class HttpLoadServer implements AutoCloseable {
    /** The suite of the tokens. */
    static final String SUITE = "RSA-OAEP-256+A256GCM+RS256";

    private final Server server;
    private final ServerConnector connector;
    private final Fixture fixture;

    private HttpLoadServer(int port) throws Exception {
        fixture = new Fixture(SUITE);
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder hello = new ServletHolder("hello", new Hello());
        for (String path : List.of("/plain/hello", "/api/hello", "/audited/hello", "/uncached/hello")) {
            context.addServlet(hello, path);
        }
        filter(context, "/api/*", validator(10_000, AuditListener.NOOP));
        filter(context, "/audited/*", validator(10_000, AuditListener.slf4j()));
        filter(context, "/uncached/*", validator(0, AuditListener.NOOP));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
    }

    /**
     * Generates keys, starts the server and returns once it listens.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     * @throws Exception when Jetty does not start
     */
    public static HttpLoadServer start(int port) throws Exception {
        return new HttpLoadServer(port);
    }

    private JweTokenValidator validator(int cacheMaxEntries, AuditListener audit) {
        Clock clock = Clock.systemUTC();
        return fixture.jweBuilder(cacheMaxEntries).clock(clock).auditListener(audit)
                .revocationStore(Fixture.storeWithRevokedOthers(ValidationBenchmark.REVOKED_OTHERS, clock))
                .build();
    }

    private static void filter(ServletContextHandler context, String pattern, JweTokenValidator validator) {
        context.addFilter(new FilterHolder(new JweAuthenticationFilter(validator)), pattern,
                EnumSet.of(DispatcherType.REQUEST));
    }

    /** @return the port it listens on */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return one valid token (the same string on every call) */
    public String token() {
        return fixture.token;
    }

    /**
     * Mints distinct valid tokens (fresh {@code jti} each) for the same keys.
     *
     * @param count how many
     * @return the tokens
     */
    public List<String> distinctTokens(int count) {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(fixture.mint(Fixture.claims(fixture.clock)));
        }
        return tokens;
    }

    /** Stops Jetty. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * @param args optional port (default 0), token directory (default {@code .}), distinct token
     *     count (default 2000)
     * @throws Exception when start-up fails
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Path dir = Path.of(args.length > 1 ? args[1] : ".");
        int distinct = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        HttpLoadServer s = start(port);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("token.txt"), s.token() + "\n", StandardCharsets.US_ASCII);
        Files.write(dir.resolve("tokens.txt"), s.distinctTokens(distinct), StandardCharsets.US_ASCII);
        System.out.println("listening on http://127.0.0.1:" + s.port());
        System.out.flush();
        s.server.join();
    }

    /** {@code hello <principal name>}, or {@code hello anonymous}. */
    private static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Principal p = req.getUserPrincipal();
            resp.setContentType("text/plain;charset=utf-8");
            resp.getWriter().write("hello " + (p == null ? "anonymous" : p.getName()) + "\n");
        }
    }
}
