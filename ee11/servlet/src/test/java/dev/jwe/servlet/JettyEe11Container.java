package dev.jwe.servlet;

import java.net.URI;
import java.nio.file.Path;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12.1 (ee11, Servlet 6.1): a {@link WebAppContext} for web.xml, a
 * {@link ServletContextHandler} for code. The same steps as jwe-servlet's {@code JettyContainer}
 * (ee10): Jetty ships each environment's API as its own packages, so one class cannot drive both.
 */
final class JettyEe11Container implements ServletContainer {

    @Override
    public Running start(Deployment deployment, Path workDir) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        if (deployment instanceof WebXml webXml) {
            WebAppContext context = new WebAppContext();
            context.setContextPath(TestApp.CONTEXT_PATH);
            context.setWar(webXml.docBase().toString());
            context.setTempDirectory(workDir.toFile());
            // Fail start() when a filter's init() fails, instead of serving 503 from a broken app.
            context.setThrowUnavailableOnStartupException(true);
            server.setHandler(context);
        } else if (deployment instanceof Programmatic code) {
            ServletContextHandler context = new ServletContextHandler(TestApp.CONTEXT_PATH);
            context.addServletContainerInitializer(code.initializer());
            server.setHandler(context);
        }
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + TestApp.CONTEXT_PATH);
        return new Running() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void stop() throws Exception {
                server.stop();
            }
        };
    }

    @Override
    public String toString() {
        return "Jetty 12.1 ee11";
    }
}
