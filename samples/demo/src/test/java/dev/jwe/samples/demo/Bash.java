package dev.jwe.samples.demo;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs pasted command lines verbatim in one bash session, as a user who copies them from the
 * console, and splits the output per command. curl's progress meter (standard error) is dropped.
 */
final class Bash {
    private static final String MARK = "@@@jwe-demo-it ";

    private Bash() {
    }

    /** Fails with a clear message when curl is not installed: the README flow needs it. */
    static void requireCurl() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "command -v curl && command -v sed").redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("This test runs the demo's printed curl lines and needs bash, curl and sed on the PATH;"
                    + " install curl (e.g. apt-get install curl)");
        }
    }

    /**
     * Runs the lines in one bash, in order.
     *
     * @param lines the command lines, verbatim
     * @param env environment variables for bash
     * @param epilogue more commands after a last marker (e.g. to print a variable), or empty
     * @return per line its exit status and output, then one entry for the epilogue
     */
    static List<Result> run(List<String> lines, Map<String, String> env, String epilogue)
            throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (String line : lines) {
            script.append(line).append("\nprintf '\\n").append(MARK).append("%s\\n' \"$?\"\n");
        }
        script.append(epilogue).append('\n');
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out;
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                fail("bash did not finish the pasted commands within 60 s");
            }
            out = new String(stdout.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (ExecutionException | TimeoutException e) {
            return fail("Cannot read the output of bash", e);
        } finally {
            // A curl that hangs must not outlive the test.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        // out0 MARK rc0 \n out1 MARK rc1 \n ... MARK rcN-1 \n epilogue-out
        String[] parts = out.split("\n" + MARK, -1);
        if (parts.length != lines.size() + 1) {
            fail("Expected " + lines.size() + " outputs from the pasted lines, got:\n" + out);
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String status = parts[i + 1].split("\n", 2)[0].trim();
            results.add(new Result(lines.get(i), Integer.parseInt(status), i == 0 ? parts[0] : afterFirstLine(parts[i])));
        }
        results.add(new Result(epilogue, 0, afterFirstLine(parts[lines.size()])));
        return results;
    }

    private static String afterFirstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? "" : s.substring(nl + 1);
    }

    /**
     * One line's outcome.
     *
     * @param command the line
     * @param exitStatus bash's {@code $?} after it
     * @param output what it printed on standard output
     */
    record Result(String command, int exitStatus, String output) {

        /** The HTTP status of {@code curl -i} output. */
        int status() {
            String first = output.split("\r?\n", 2)[0];
            if (!first.startsWith("HTTP/")) {
                return fail("Not curl -i output for " + command + ":\n" + output);
            }
            return Integer.parseInt(first.split(" ")[1]);
        }

        /** Headers of {@code curl -i} output, names in lower case, the last value of each. */
        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            String[] lines = output.split("\r?\n");
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return headers;
        }

        /** The body: after the headers for {@code curl -i}, else all output. */
        String body() {
            if (!output.startsWith("HTTP/")) {
                return output;
            }
            String[] split = output.split("\r?\n\r?\n", 2);
            return split.length > 1 ? split[1] : "";
        }
    }
}
