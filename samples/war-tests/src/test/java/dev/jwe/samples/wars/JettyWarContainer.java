package dev.jwe.samples.wars;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty 12 (ee10): a {@link WebAppContext} on the {@code .war} file. With jetty-ee10-annotations
 * on the class path Jetty runs servlet container initializers, as a Jetty server with the
 * {@code ee10-annotations} module does.
 */
public final class JettyWarContainer implements WarContainer {

    @Override
    public Deployed deploy(Path war, String contextPath, Path workDir) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath(contextPath);
        context.setWar(war.toString());
        context.setTempDirectory(Files.createDirectories(workDir).toFile());
        // A failing filter or servlet init() fails start(), instead of leaving a context that answers 503.
        context.setThrowUnavailableOnStartupException(true);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath + "/");
        return new Deployed() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }

    @Override
    public String toString() {
        return "Jetty 12 ee10";
    }
}
