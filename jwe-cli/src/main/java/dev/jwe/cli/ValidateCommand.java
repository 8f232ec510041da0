package dev.jwe.cli;

import dev.jwe.core.AuditListener;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwe validate}: validates tokens with the same settings as the web adapters and prints one
 * JSON verdict per token per line, in input order. The validator is built once for the whole
 * batch and shared by all cores; output is buffered. Exit 0 when every token is valid, 1 when any
 * is not, 2 for a usage, configuration or key source error.
 */
@Command(name = "validate", sortOptions = false,
        description = {"Validate encrypted access tokens and print one JSON verdict per token per line.",
            "Tokens come from the arguments or, without any, from standard input, one per line"
                    + " (blank lines skipped).",
            "Exit status: 0 all valid, 1 at least one invalid, 2 usage, configuration or key error."})
final class ValidateCommand implements Callable<Integer> {
    /** Tokens validated in parallel before their verdicts are printed: bounds memory and latency. */
    private static final int CHUNK_TOKENS = 256;
    private static final long CHUNK_CHARS = 16L * 1024 * 1024;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--audit",
            description = "Also write each attempt's audit record (JSON, never the token) to standard error.")
    boolean audit;

    @Parameters(paramLabel = "TOKEN", arity = "0..*",
            description = "Tokens to validate (prefer standard input: arguments show up in process lists).")
    List<String> tokens = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Context context;

    ValidateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        TokenValidator validator = context.validators().create(settings.bind(context.environment()),
                context.clock(), audit ? AuditListener.slf4j() : AuditListener.NOOP);
        Source source;
        if (tokens.isEmpty()) {
            TokenLines lines = new TokenLines(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8),
                    TokenLines.MAX_CHARS);
            source = lines::next;
        } else {
            Iterator<String> it = tokens.iterator();
            source = () -> it.hasNext() ? it.next().trim() : null;
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean allValid = true;
        try {
            List<String> chunk = new ArrayList<>();
            long chars = 0;
            for (String token = source.next(); token != null; token = source.next()) {
                chunk.add(token);
                chars += token.length();
                if (chunk.size() == CHUNK_TOKENS || chars >= CHUNK_CHARS) {
                    allValid &= validate(validator, chunk, out);
                    chunk.clear();
                    chars = 0;
                }
            }
            allValid &= validate(validator, chunk, out);
        } finally {
            out.flush();
        }
        return allValid ? 0 : 1;
    }

    /** Where the tokens come from: the arguments or standard input. */
    @FunctionalInterface
    private interface Source {
        /** The next token, or {@code null} at the end. */
        String next() throws IOException;
    }

    /** One token's line of output, or our side's failure to decide. */
    private record Outcome(String line, boolean valid, ValidationUnavailableException failure) {
    }

    /**
     * Validates a chunk on all cores (the validator is thread-safe) and prints the verdicts in input
     * order. A key source failure stops the batch after the verdicts of the tokens before it.
     */
    private static boolean validate(TokenValidator validator, List<String> chunk, PrintWriter out) {
        List<Outcome> outcomes = chunk.parallelStream().map(token -> outcome(validator, token)).toList();
        boolean allValid = true;
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                throw o.failure();
            }
            out.append(o.line()).append('\n');
            allValid &= o.valid();
        }
        return allValid;
    }

    private static Outcome outcome(TokenValidator validator, String token) {
        try {
            return new Outcome(Json.write(Verdicts.accepted(validator.validate(token))), true, null);
        } catch (TokenRejectedException e) {
            return new Outcome(Json.write(Verdicts.rejected(e)), false, null);
        } catch (ValidationUnavailableException e) {
            return new Outcome(null, false, e);
        }
    }
}
