package dev.jwe.samples.demo;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.jaxrs.JweFeature;
import dev.jwe.core.http.ProtectedResource;
import dev.jwe.servlet.JweAuthenticationFilter;
import dev.jwe.servlet.JwksPublishingServlet;
import dev.jwe.servlet.ProtectedResourceMetadataServlet;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The jwe demo: one embedded Jetty 12 (ee10) on {@code localhost} that shows the whole job.
 * <pre>
 * java -jar samples/demo/target/jwe-demo.jar [--port N]      (or PORT=N; default 8080, 0 = any free port)
 * </pre>
 * <ul>
 *   <li>{@code GET /servlet/whoami}: a plain servlet behind {@link JweAuthenticationFilter};</li>
 *   <li>{@code GET /api/whoami}, {@code /api/admin} ({@code @RolesAllowed("admin")}),
 *       {@code /api/orders} ({@code @RequireScope("orders:read")}): Jersey resources behind
 *       {@link JweFeature};</li>
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus), {@code GET /.well-known/jwks.json} and,
 *       with {@code jwe.resource} set, {@code GET /.well-known/oauth-protected-resource} (RFC 9728): no
 *       token needed;</li>
 *   <li>{@code POST /dev/token} and {@code POST /dev/revoke}: only with development keys
 *       ({@link DemoConfig}).</li>
 * </ul>
 * Every {@code jwe.*} setting may be given as a system property or environment variable. The
 * server listens on the loopback interface only: with development keys anyone who reaches it
 * can mint tokens. Start-up prints a summary and ready-to-paste {@code curl} lines, then the
 * audit trail follows on the console, one JSON line per attempt.
 */
public final class DemoServer {
    /** What {@code --help} prints. */
    static final String USAGE = "usage: java -jar jwe-demo.jar [--port N]   (or PORT=N; default 8080, 0 = any free port)\n"
            + "  jwe.* settings come from system properties (-Djwe.issuer=...) or environment variables\n"
            + "  (JWE_DECRYPTION_KEYS, JWE_VERIFICATION_KEYS, JWE_ISSUER, JWE_AUDIENCE, ...);\n"
            + "  without jwe.decryption.keys the demo makes development keys and enables POST /dev/token;\n"
            + "  -D" + HealthServlet.DETAILS_PROPERTY + "=true (or " + HealthServlet.DETAILS_ENVIRONMENT
            + "=true) shows key locations and errors in /health.";
    static final int DEFAULT_PORT = 8080;
    /**
     * Jersey warns through java.util.logging that it has no DataSource provider (jakarta.activation
     * is not on the class path, and the demo needs none). Held here so that the level set in
     * {@link #main} is not lost when the logger is garbage-collected.
     */
    private static final java.util.logging.Logger JERSEY_PROVIDERS =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.message.internal.MessagingBinders");

    private final Server server;
    private final URI base;

    private DemoServer(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    /**
     * Starts the demo on the loopback interface.
     *
     * @param config the keys and validator
     * @param port the port, 0 for any free one
     * @param healthDetails whether {@code /health} shows key locations and errors
     * @return the running demo
     * @throws Exception when the server cannot start (the port is taken, a component fails)
     */
    static DemoServer start(DemoConfig config, int port, boolean healthDetails) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        context.setErrorHandler(errors);

        // One validator for both adapters (they are on different paths here; where both apply,
        // the JAX-RS feature reuses the filter's result).
        FilterHolder filter = new FilterHolder(new JweAuthenticationFilter(config.meteredValidator()));
        filter.setName("jwe");
        // DPoP-bound tokens (POST /dev/token with dpop_jkt) next to Bearer ones, unless jwe.dpop is given.
        boolean dpopDefault = config.settings().get("jwe.dpop").isEmpty();
        if (dpopDefault) {
            filter.setInitParameter("jwe.dpop", "allowed");
        }
        context.addFilter(filter, "/servlet/*", EnumSet.of(DispatcherType.REQUEST));
        addServlet(context, "whoami", new WhoamiServlet(), "/servlet/whoami");

        ResourceConfig api = new ResourceConfig()
                .register(DemoResource.class)
                .register(new JweFeature(config.meteredValidator()))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        if (dpopDefault) {
            api.property("jwe.dpop", "allowed");
        }
        addServlet(context, "api", new ServletContainer(api), "/api/*");

        addServlet(context, "health", new HealthServlet(config.validator(),
                config.devTokens().isPresent() ? "development" : "configured", healthDetails), "/health");
        addServlet(context, "metrics", new MetricsServlet(config.meterRegistry()), "/metrics");
        addServlet(context, "jwks", new JwksPublishingServlet(config.publishedKeys(),
                config.keyManagementAlgorithms()), "/.well-known/jwks.json");
        // RFC 9728 metadata, answered when jwe.resource is set (JWE_RESOURCE=...), which also adds
        // resource_metadata to every challenge; 404 otherwise.
        ServletHolder metadata = addServlet(context, "resource-metadata", new ProtectedResourceMetadataServlet(),
                ProtectedResource.WELL_KNOWN_PATH);
        context.addServlet(metadata, ProtectedResource.WELL_KNOWN_PATH + "/*");
        addServlet(context, "dev-token", new DevTokenServlet(config.devTokens().orElse(null)), "/dev/token");
        addServlet(context, "dev-revoke", new DevRevokeServlet(config.devTokens().isPresent() ? config.validator() : null),
                "/dev/revoke");

        server.setHandler(context);
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        if (!context.isAvailable()) {
            server.stop();
            throw new IllegalStateException("the web application did not start; see the log above");
        }
        return new DemoServer(server, URI.create("http://localhost:" + connector.getLocalPort()));
    }

    private static ServletHolder addServlet(ServletContextHandler context, String name, jakarta.servlet.Servlet servlet,
            String path) {
        ServletHolder holder = new ServletHolder(name, servlet);
        // Initialise at start-up, so that a bad setting fails the start, not the first request.
        holder.setInitOrder(0);
        context.addServlet(holder, path);
        return holder;
    }

    /** Where the demo listens, e.g. {@code http://localhost:8080}. */
    URI base() {
        return base;
    }

    /** Waits until the server stops (Ctrl-C). */
    void join() throws InterruptedException {
        server.join();
    }

    /**
     * The port from {@code --port N} (or {@code --port=N}), else {@code PORT}, else 8080.
     *
     * @param args the command line
     * @param env the environment
     * @return the port
     * @throws IllegalArgumentException with a message for the user when the arguments are wrong
     */
    static int port(String[] args, Map<String, String> env) {
        String value = null;
        String origin = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--port")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--port needs a value");
                }
                value = args[++i];
            } else if (a.startsWith("--port=")) {
                value = a.substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument: " + a);
            }
            origin = "--port";
        }
        if (value == null && env.get("PORT") != null && !env.get("PORT").isBlank()) {
            value = env.get("PORT").trim();
            origin = "PORT";
        }
        if (value == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(origin + " must be a port number from 0 to 65535");
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the demo and runs until Ctrl-C.
     *
     * @param args {@code --port N}, or {@code --help}
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return;
        }
        JERSEY_PROVIDERS.setLevel(java.util.logging.Level.SEVERE);
        int port;
        boolean healthDetails;
        DemoConfig config;
        try {
            port = port(args, System.getenv());
            healthDetails = HealthServlet.details(System.getProperty(HealthServlet.DETAILS_PROPERTY),
                    System.getenv(HealthServlet.DETAILS_ENVIRONMENT));
            config = DemoConfig.from(JweSettings.builder().addSystemProperties().addEnvironment(System.getenv())
                    .build(), Clock.systemUTC());
        } catch (ConfigurationException e) {
            System.err.println("jwe demo: configuration error: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("jwe demo: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        DemoServer demo;
        try {
            demo = start(config, port, healthDetails);
        } catch (Exception e) {
            System.err.println(isBindFailure(e)
                    ? "jwe demo: port " + port + " is in use; choose another with --port N or PORT=N"
                    : "jwe demo: cannot start: " + e);
            System.exit(1);
            return;
        }
        out.print(StartupReport.render(config, demo.base()));
        out.flush();
        try {
            demo.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
