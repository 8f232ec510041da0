package dev.jwe.samples.demo;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The demo started the way the README does, {@code java -jar target/jwe-demo.jar --port 0}, as a
 * child process with a clean environment (no {@code JWE_*}, {@code DEMO_*} or {@code PORT}) plus
 * what the test adds. Its console (standard output and error) is collected line by line. {@link #close()} kills
 * it for sure.
 */
final class DemoProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Thread reader;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private URI base;

    private DemoProcess(Map<String, String> env) throws IOException {
        Path jar = Paths.get(System.getProperty("demo.jar", "target/jwe-demo.jar"));
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: run the integration tests through Maven (mvn verify), after package");
        }
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port", "0")
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("JWE_") || k.startsWith("DEMO_") || k.equals("PORT"));
        pb.environment().putAll(env);
        process = pb.start();
        reader = new Thread(this::readConsole, "demo-console");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the demo and waits for its ready line.
     *
     * @param env environment variables to add
     * @return the running demo
     */
    static DemoProcess start(Map<String, String> env) throws IOException, InterruptedException {
        DemoProcess demo = new DemoProcess(env);
        try {
            demo.base = URI.create(demo.awaitReadyLine().substring(StartupReport.READY.length()).split(" ", 2)[0]);
            return demo;
        } catch (RuntimeException | Error | InterruptedException e) {
            demo.close();
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

    private String awaitReadyLine() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.startsWith(StartupReport.READY)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                reader.join(2000);
                fail("The demo ended with exit code " + process.exitValue() + " before it was ready:\n" + console());
            }
            Thread.sleep(50);
        }
        return fail("The demo was not ready within " + START_TIMEOUT + ":\n" + console());
    }

    /** Where the demo listens, from its ready line. */
    URI base() {
        return base;
    }

    /** The console so far. */
    String console() {
        return String.join("\n", lines);
    }

    /** The command lines the demo printed to paste into bash: indented, starting with curl or NAME=$(curl. */
    List<String> printedCommands() {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("  ") && line.trim().matches("(curl |[A-Z_]+=\\$\\(curl ).*")) {
                out.add(line.trim());
            }
        }
        return out;
    }

    /** The number of console lines so far, to look at what comes after. */
    int mark() {
        return lines.size();
    }

    /**
     * Waits (up to 10 s) until {@code count} console lines after {@code from} match.
     *
     * @param from a {@link #mark()}
     * @param match which lines
     * @param count how many
     * @return the matching lines (fewer than {@code count} when the wait ran out)
     */
    List<String> awaitLines(int from, Predicate<String> match, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> found;
        do {
            found = lines.subList(from, lines.size()).stream().filter(match).toList();
            if (found.size() >= count) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return found;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

}
