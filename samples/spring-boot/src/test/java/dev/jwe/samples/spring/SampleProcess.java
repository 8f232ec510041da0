package dev.jwe.samples.spring;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The sample started the way the README does, {@code java -jar target/jwe-spring-boot-sample.jar},
 * on any free port, as a child process without {@code JWE_*} variables. Its console is collected
 * line by line; {@link #close()} ends it.
 */
final class SampleProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private SampleProcess() throws IOException {
        Path jar = Paths.get(System.getProperty("sample.jar", "target/jwe-spring-boot-sample.jar"));
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: run the integration tests through Maven (mvn verify), after package");
        }
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--server.port=0")
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("JWE_"));
        process = pb.start();
        reader = new Thread(this::readConsole, "sample-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the sample and waits for its ready line; returns its base URL's port. */
    static SampleProcess start() throws IOException, InterruptedException {
        SampleProcess sample = new SampleProcess();
        try {
            sample.awaitReady();
            return sample;
        } catch (RuntimeException | Error | InterruptedException e) {
            sample.close();
            throw e;
        }
    }

    private void readConsole() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (readyLine() != null) {
                return;
            }
            if (!process.isAlive()) {
                reader.join(2000);
                fail("The sample ended with exit code " + process.exitValue() + " before it was ready:\n" + console());
            }
            Thread.sleep(100);
        }
        fail("The sample was not ready within " + START_TIMEOUT + ":\n" + console());
    }

    private String readyLine() {
        return lines.stream().filter(l -> l.startsWith(ReadyReport.READY)).findFirst().orElse(null);
    }

    /** Where the sample listens, from its ready line, e.g. {@code http://127.0.0.1:41234}. */
    String base() {
        return readyLine().substring(ReadyReport.READY.length()).split(" ", 2)[0];
    }

    /** The console so far. */
    String console() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
