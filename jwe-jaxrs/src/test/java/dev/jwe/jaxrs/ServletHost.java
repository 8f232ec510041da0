package dev.jwe.jaxrs;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.net.URI;

/**
 * An embedded servlet container on a loopback port, as {@link TestServer} needs it: one
 * servlet context at {@code /} holding the Jakarta REST implementation's servlet and, where a test
 * wants one, a servlet filter. This module runs the suite on Jetty ee10 ({@link JettyEe10Host});
 * the EE 11 leg (the {@code ee11} folder) runs the same suite on Jetty ee11.
 */
interface ServletHost {

    /** The root context, filled in before the server starts. */
    interface Context {
        /**
         * Adds a filter for request dispatches.
         *
         * @param filter the filter
         * @param pathSpec where it applies, e.g. {@code /admin/*}
         */
        void addFilter(Filter filter, String pathSpec);

        /**
         * Adds a servlet, initialised when the server starts: a failing {@code init} fails the start.
         *
         * @param servlet the servlet
         * @param pathSpec where it serves, e.g. {@code /*}
         */
        void addServlet(Servlet servlet, String pathSpec);

        /**
         * Sets a servlet context attribute.
         *
         * @param name the name
         * @param value the value
         */
        void setAttribute(String name, Object value);
    }

    /** Fills in the root context. */
    @FunctionalInterface
    interface Deployment {
        /**
         * Adds what the test deploys.
         *
         * @param context the root context
         * @throws Exception when the deployment cannot be prepared
         */
        void deploy(Context context) throws Exception;
    }

    /** A started server. */
    interface Started {
        /** The base URI, e.g. {@code http://127.0.0.1:PORT}. */
        URI base();

        /** Stops the server. */
        void stop() throws Exception;
    }

    /**
     * Starts a server with the context that {@code deployment} fills in.
     *
     * @param deployment what to deploy
     * @return the started server
     * @throws Exception when the server does not start, with the deployment's error in the chain;
     *         the server is stopped then
     */
    Started start(Deployment deployment) throws Exception;
}
