package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's command-line quick start, line by line as printed, against the built jar. */
class ReadmeCliIT {
    @TempDir
    Path dir;

    /** The lines of the first code block under the README's CLI quick-start heading. */
    private static List<String> quickStart() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        List<String> block = new ArrayList<>();
        boolean inSection = false;
        boolean inBlock = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Quick start: the `jwe` command line");
            } else if (inSection && line.startsWith("```")) {
                if (inBlock) {
                    break;
                }
                inBlock = true;
            } else if (inBlock) {
                block.add(line);
            }
        }
        return block;
    }

    @Test
    void readmeQuickStartWhenRunAsPrintedThenEveryCommandSucceedsAndTheTokenValidates() throws Exception {
        List<String> commands = quickStart();
        assertThat(commands).isNotEmpty();
        assertThat(commands.get(0)).startsWith("mvn "); // building the jar: done by this build already
        String jar = Path.of("target", "jwe.jar").toAbsolutePath().toString();
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (String command : commands.subList(1, commands.size())) {
            script.append(command.replace("jwe-cli/target/jwe.jar", "'" + jar + "'")).append('\n');
        }
        Process p = new ProcessBuilder("bash", "-c", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("{\"valid\":true,\"sub\":\"alice\",\"iss\":\"https://issuer.example\"");
        assertThat(output).contains("\"roles\":[\"admin\"]");
        assertThat(output).contains("\"alg\": \"RSA-OAEP-256\"");
        assertThat(dir.resolve("token.txt")).exists();
    }
}
