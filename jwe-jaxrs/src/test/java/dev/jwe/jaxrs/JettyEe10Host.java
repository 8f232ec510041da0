package dev.jwe.jaxrs;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10, Servlet 6.0): a {@link ServletContextHandler} at {@code /}. */
final class JettyEe10Host implements ServletHost {

    @Override
    public Started start(Deployment deployment) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        deployment.deploy(new Context() {
            @Override
            public void addFilter(Filter filter, String pathSpec) {
                context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST));
            }

            @Override
            public void addServlet(Servlet servlet, String pathSpec) {
                ServletHolder holder = new ServletHolder(servlet);
                holder.setInitOrder(0);
                context.addServlet(holder, pathSpec);
            }

            @Override
            public void setAttribute(String name, Object value) {
                context.setAttribute(name, value);
            }
        });
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            throw e;
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        return new Started() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void stop() throws Exception {
                jetty.stop();
            }
        };
    }

    @Override
    public String toString() {
        return "Jetty 12 ee10";
    }
}
