package dev.jwe.cli;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process with captured output, a fixed clock and an empty environment. */
final class Cli {
    private Cli() {
    }

    /** What a run left behind. */
    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    static Result run(String stdin, String... args) {
        return run(Context.of(TestKeys.CLOCK, Map.of(), input(stdin)), args);
    }

    static Result run(Context context, String... args) {
        CommandLine cli = JweCli.commandLine(context);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a private JWK Set of the entry (its kid, no use). */
    static Path privateJwks(Path dir, String name, KeyEntry key) throws IOException {
        return write(dir, name, Jwk.jwkSet(Jwk.privateJwk(key.kid().orElse(null), null, key.key(),
                key.publicKey().orElse(null))));
    }

    /** Writes a public JWK Set of the entry's public half. */
    static Path publicJwks(Path dir, String name, KeyEntry key) throws IOException {
        return write(dir, name, Jwk.jwkSet(Jwk.publicJwk(key.kid().orElse(null), null, key.publicKey().orElseThrow())));
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
