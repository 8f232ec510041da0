package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded {@code target/jwe.jar} as a user would: {@code java -jar}, in its own JVM, with
 * standard input, output and exit status. Key files, tokens and configuration go through a
 * temporary directory. The tokens are minted by the jar itself, on the real clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JweCliIT {
    private static final String ISSUER = "https://id.example.com";
    private static final String AUDIENCE = "api://orders";

    private Path dir;
    private Path config;
    private String valid;
    private String expired;
    private String wrongAudience;

    /** What one run of the jar left behind. */
    private record Run(int status, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private Run jwe(String stdin, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("jwe.cli.jar");
        assertThat(jar).as("system property jwe.cli.jar (set by failsafe)").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(args));
        Path in = Files.createTempFile(dir, "in", ".txt");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Files.writeString(in, stdin);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JWE_"));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jwe " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String ok(Run r) {
        assertThat(r.status()).as(r.err()).isZero();
        return r.out().trim();
    }

    @BeforeAll
    void keysAndTokensMadeByTheJar(@TempDir Path shared) throws Exception {
        dir = shared;
        ok(jwe("", "keys", "generate", "--type", "rsa", "--kid", "enc-1", "--use", "enc",
                "--out", "enc.jwks.json", "--public-out", "enc.pub.json"));
        ok(jwe("", "keys", "generate", "--type", "ec", "--curve", "P-256", "--kid", "sig-1", "--use", "sig",
                "--out", "sig.jwks.json", "--public-out", "sig.pub.json"));
        config = Files.writeString(dir.resolve("jwe.properties"), "jwe.decryption.keys=enc.jwks.json\n"
                + "jwe.verification.keys=sig.pub.json\njwe.issuer=" + ISSUER + "\njwe.audience=" + AUDIENCE + "\n");
        String[] mint = {"mint", "--encryption-keys", "enc.pub.json", "--signing-keys", "sig.jwks.json",
            "--iss", ISSUER, "--sub", "alice", "--roles", "user", "--scope", "orders:read"};
        valid = ok(jwe("", concat(mint, "--aud", AUDIENCE, "--ttl", "PT1H")));
        expired = ok(jwe("", concat(mint, "--aud", AUDIENCE, "--ttl", "-PT1H")));
        wrongAudience = ok(jwe("", concat(mint, "--aud", "api://other", "--ttl", "PT1H")));
    }

    @Test
    void validateWhenStdinBatchMixesValidAndInvalidThenLinePerTokenAndExit1() throws Exception {
        String batch = valid + "\n" + expired + "\n\n" + wrongAudience + "\n" + Fixture.tampered(valid) + "\n"
                + "garbage line\n" + valid + "\n";

        Run r = jwe(batch, "validate", "--config", config.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        List<String> lines = r.lines();
        assertThat(lines).hasSize(6);
        Map<String, Object> first = Json.parseObject(lines.get(0), 8);
        assertThat(first).containsEntry("valid", true).containsEntry("sub", "alice").containsEntry("iss", ISSUER)
                .containsEntry("aud", List.of(AUDIENCE)).containsEntry("roles", List.of("user"))
                .containsEntry("scopes", List.of("orders:read"));
        assertThat(Json.parseObject(lines.get(1), 8)).containsEntry("valid", false).containsEntry("reason", "EXPIRED")
                .containsEntry("error", "invalid_token").containsEntry("description", "The token has expired.");
        assertThat(Json.parseObject(lines.get(2), 8)).containsEntry("reason", "INVALID_AUDIENCE");
        assertThat(Json.parseObject(lines.get(3), 8)).containsEntry("reason", "DECRYPTION_FAILED");
        assertThat(Json.parseObject(lines.get(4), 8)).containsEntry("reason", "MALFORMED");
        assertThat(Json.parseObject(lines.get(5), 8)).containsEntry("valid", true);
        assertThat(r.out()).doesNotContain(valid.substring(0, 40));
    }

    @Test
    void validateWhenAllValidThenExit0AndStderrClean() throws Exception {
        Run r = jwe(valid + "\n" + valid + "\n", "validate", "--config", config.toString());

        assertThat(r.status()).isZero();
        assertThat(r.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"valid\":true,"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validateWhenAuditRequestedThenAuditLinesOnStderrOnly() throws Exception {
        Run r = jwe(valid + "\n" + expired + "\n", "validate", "--audit", "--config", config.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).hasSize(2);
        assertThat(r.err()).contains("dev.jwe.audit").contains("\"outcome\":\"accepted\"")
                .contains("\"outcome\":\"rejected\"").contains("\"reason\":\"EXPIRED\"")
                .doesNotContain(valid.substring(0, 40)).doesNotContain("SLF4J");
    }

    @Test
    void validateWhenUnknownSettingThenExit2NamingIt() throws Exception {
        Run r = jwe(valid, "validate", "--config", config.toString(), "--set", "jwe.audeince=x");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("jwe.audeince").contains("unknown setting");
    }

    @Test
    void validateWhenKeysFileMissingThenExit2NamingSetting() throws Exception {
        Run r = jwe(valid, "validate", "--config", config.toString(), "--set", "jwe.decryption.keys=gone.json");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("jwe.decryption.keys").contains("gone.json");
    }

    @Test
    void validateWhenRsa1024KeyThenExit2NamingSetting() throws Exception {
        Cli.privateJwks(dir, "weak.jwks.json", TestKeys.rsa("weak", 1024));

        Run r = jwe(valid, "validate", "--config", config.toString(), "--set", "jwe.decryption.keys=weak.jwks.json");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("jwe.decryption.keys").contains("1024 bits");
    }

    @Test
    void inspectWhenValidMalformedOrRejectedThenReportAndStatus() throws Exception {
        Run plain = jwe("", "inspect", valid);
        Run malformed = jwe("", "inspect", "a.b.c");
        Run rejected = jwe(wrongAudience + "\n", "inspect", "--config", config.toString());
        Run accepted = jwe(valid + "\n", "inspect", "-", "--config", config.toString());

        assertThat(plain.status()).isZero();
        assertThat(plain.out()).contains("\"wellFormed\": true").contains("\"alg\": \"RSA-OAEP-256\"")
                .contains("\"cty\": \"JWT\"").doesNotContain("verdict").doesNotContain("alice");
        assertThat(malformed.status()).isEqualTo(1);
        assertThat(malformed.out()).contains("\"wellFormed\": false").contains("5 segments");
        assertThat(rejected.status()).isEqualTo(1);
        assertThat(rejected.out()).contains("\"reason\": \"INVALID_AUDIENCE\"");
        assertThat(accepted.status()).isZero();
        assertThat(accepted.out()).contains("\"valid\": true").contains("\"sub\": \"alice\"")
                .contains("\"sigAlg\": \"ES256\"");
    }

    @Test
    void helpWhenAskedForEachCommandThenUsageAndExit0() throws Exception {
        for (String command : List.of("", "validate", "inspect", "keys", "keys generate", "mint")) {
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--help");

            Run r = jwe("", args.toArray(new String[0]));

            assertThat(r.status()).as(command).isZero();
            assertThat(r.out()).startsWith("Usage: jwe" + (command.isEmpty() ? "" : " " + command));
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void jarWhenBuiltThenJacksonShadedUnderDevJweAndItsErrorsGiveOffsets() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("jwe.cli.jar"))) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertThat(names).contains("dev/jwe/cli/shaded/jackson/core/JsonFactory.class")
                    .noneMatch(n -> n.startsWith("com/fasterxml/") || n.contains("/com/fasterxml/"));
        }
        Files.writeString(dir.resolve("bad-claims.json"), "{\"sub\":\"s3cr3t\",}");

        Run r = jwe("", "mint", "--encryption-keys", "enc.pub.json", "--signing-keys", "sig.jwks.json",
                "--claims", "bad-claims.json");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--claims").contains("invalid JSON at offset 16").doesNotContain("s3cr3t");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
