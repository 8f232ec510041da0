package dev.jwe.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.nio.file.Path;

/** An embedded servlet container that deploys {@link TestApp} at {@link TestApp#CONTEXT_PATH} on loopback, port 0. */
interface ServletContainer {

    /** How the application is deployed. */
    sealed interface Deployment permits WebXml, Programmatic {
    }

    /**
     * From a web application directory with a real {@code WEB-INF/web.xml}.
     *
     * @param docBase the directory
     */
    record WebXml(Path docBase) implements Deployment {
    }

    /**
     * Registered in code through the standard {@link jakarta.servlet.ServletContext} API.
     *
     * @param initializer registers the filters and servlets
     */
    record Programmatic(ServletContainerInitializer initializer) implements Deployment {
    }

    /** A started server. */
    interface Running {
        /** The base URI of the application, e.g. {@code http://127.0.0.1:PORT/app}. */
        URI base();

        /** Stops the server. */
        void stop() throws Exception;
    }

    /**
     * Starts the container with the application.
     *
     * @param deployment the application
     * @param workDir a directory the container may write to
     * @return the running server
     * @throws Exception when the application cannot be deployed, with the cause in the chain
     */
    Running start(Deployment deployment, Path workDir) throws Exception;
}
