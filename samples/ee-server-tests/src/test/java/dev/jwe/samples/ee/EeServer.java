package dev.jwe.samples.ee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A full Jakarta EE server run as its own process on loopback by the tests: started with every
 * WAR of the suite deployed at once (one boot per server), stopped in {@link #close()}.
 */
abstract class EeServer implements AutoCloseable {
    private Process process;
    private Duration startup;

    /** @return e.g. {@code WildFly 39.0.1.Final} */
    abstract String name();

    /**
     * The command that starts the server with the WARs deployed.
     *
     * @param wars context root (no slash) to {@code .war} file
     * @param systemProperties {@code -D} settings of the server
     * @param work a directory of this run
     * @return the command
     */
    abstract List<String> command(Map<String, Path> wars, Map<String, String> systemProperties, Path work)
            throws IOException;

    /** Context roots of WARs whose deployment is expected to fail (a server may deploy them apart). */
    Set<String> failing = Set.of();

    /** @return whether the server has started and settled every deployment (deployed or failed) */
    abstract boolean settled(Map<String, Path> wars) throws IOException;

    /** @return the server's log so far */
    abstract String log() throws IOException;

    /** @return the base URI of the application at this context root, ending with {@code /} */
    abstract URI base(String context);

    /** The console of the process. */
    Path console;

    /**
     * Starts the server and waits until every deployment settled.
     *
     * @param wars context root to WAR
     * @param failing context roots of the WARs expected to fail their deployment
     * @param systemProperties {@code -D} settings
     * @param work a directory of this run
     */
    void start(Map<String, Path> wars, Set<String> failing, Map<String, String> systemProperties, Path work)
            throws Exception {
        this.failing = Set.copyOf(failing);
        Files.createDirectories(work);
        console = work.resolve("console.log");
        long begin = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command(wars, systemProperties, work))
                .redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
        long deadline = begin + TimeUnit.SECONDS.toNanos(240);
        while (!settled(wars)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited with " + process.exitValue() + ":\n" + tail(console));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " did not start within 240 s:\n" + tail(console));
            }
            Thread.sleep(250);
        }
        startup = Duration.ofNanos(System.nanoTime() - begin);
        System.out.printf("%s started with %d WARs in %.1f s%n", name(), wars.size(), startup.toMillis() / 1000.0);
    }

    /** @return how long the start took, until every deployment settled */
    Duration startup() {
        return startup;
    }

    /** Stops the process and its children (a start script's JVM). */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    static String tail(Path file) {
        try {
            String all = read(file);
            return all.length() <= 6000 ? all : all.substring(all.length() - 6000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a port free on 127.0.0.1 now */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> systemPropertyArgs(Map<String, String> systemProperties) {
        List<String> out = new ArrayList<>();
        systemProperties.forEach((k, v) -> out.add("-D" + k + "=" + v));
        return out;
    }
}
