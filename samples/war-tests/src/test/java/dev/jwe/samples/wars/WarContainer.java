package dev.jwe.samples.wars;

import java.net.URI;
import java.nio.file.Path;

/** An embedded servlet container that deploys a {@code .war} file the way a server does. */
public interface WarContainer {

    /**
     * Deploys and starts the WAR on 127.0.0.1, any free port.
     *
     * @param war the {@code .war} file
     * @param contextPath e.g. {@code /orders}
     * @param workDir where the container may unpack and write
     * @return the running application
     * @throws Exception when the application does not start (its deployment failed)
     */
    Deployed deploy(Path war, String contextPath, Path workDir) throws Exception;

    /** A deployed application; {@link #close()} stops the container. */
    interface Deployed extends AutoCloseable {
        /** The application's base URI, ending with {@code /}. */
        URI base();
    }
}
