package dev.jwe.cli;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.http.DpopProofIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jwe dpop}: DPoP (RFC 9449) for operators and curl: {@code proof} prints a proof for one
 * request, {@code thumbprint} the key's RFC 7638 thumbprint (for {@code jwe mint --cnf-jkt}).
 * The key file is a private JWK or a JWK Set holding one private key; key material is never printed.
 */
@Command(name = "dpop", description = "DPoP proofs (RFC 9449) for a client key.",
        subcommands = {DpopCommand.Proof.class, DpopCommand.Thumbprint.class})
final class DpopCommand implements Callable<Integer> {
    private static final long MAX_KEY_FILE_BYTES = 1 << 20;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (proof, thumbprint)");
    }

    /** Reads the one private key of a JWK or JWK Set file. */
    static KeyEntry privateKey(String file) {
        Path path = Path.of(file);
        String text;
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > MAX_KEY_FILE_BYTES) {
                throw new UsageException("--key", "no such file, or larger than 1 MiB: " + file);
            }
            text = Files.readString(path, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UsageException("--key", "cannot read " + file);
        }
        // A single JWK becomes a set of one, so that core reads (and checks) it like any key set.
        String json = text.startsWith("{") && !text.contains("\"keys\"") ? "{\"keys\":[" + text + "]}" : text;
        KeySet keys;
        try {
            keys = KeySource.load(json, null).keys();
        } catch (KeySourceException | IllegalArgumentException e) {
            throw new UsageException("--key", "not a private JWK or JWK Set: " + file);
        }
        List<KeyEntry> usable = keys.all().stream()
                .filter(k -> k.key() instanceof PrivateKey && k.publicKey().isPresent()).toList();
        if (usable.size() != 1) {
            throw new UsageException("--key", "must hold exactly one private EC, RSA or Ed25519 key; found "
                    + usable.size());
        }
        return usable.get(0);
    }

    /** {@code jwe dpop proof}: prints one proof and a line break. */
    @Command(name = "proof", sortOptions = false, description = "Print a DPoP proof for one request"
            + " (typ dpop+jwt, a fresh jti, iat now, ath of --token).")
    static final class Proof implements Callable<Integer> {
        @Option(names = "--key", required = true, paramLabel = "FILE",
                description = "The client's private JWK, or a JWK Set holding one private key.")
        String key;

        @Option(names = "--htm", required = true, paramLabel = "METHOD", description = "The request method, e.g. GET.")
        String htm;

        @Option(names = "--htu", required = true, paramLabel = "URL",
                description = "The request URL (query and fragment are left out of the proof).")
        String htu;

        @Option(names = "--token", paramLabel = "TOKEN", description = "The access token the proof goes with (ath).")
        String token;

        @Option(names = "--nonce", paramLabel = "NONCE", description = "The server's DPoP-Nonce, when it asked for one.")
        String nonce;

        @Spec
        CommandSpec spec;

        private final Context context;

        Proof(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (!htu.startsWith("https://") && !htu.startsWith("http://")) {
                throw new UsageException("--htu", "must be an http or https URL");
            }
            DpopProofIssuer issuer;
            try {
                issuer = DpopProofIssuer.of(privateKey(key), context.clock());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--key", e.getMessage());
            }
            String proof;
            try {
                proof = issuer.proof(htm, htu, token == null ? null : token.trim(), nonce);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--key", e.getMessage());
            }
            spec.commandLine().getOut().append(proof).append('\n').flush();
            return 0;
        }
    }

    /** {@code jwe dpop thumbprint}: prints the key's RFC 7638 thumbprint. */
    @Command(name = "thumbprint", description = "Print the RFC 7638 SHA-256 thumbprint of the key (for jwe mint --cnf-jkt).")
    static final class Thumbprint implements Callable<Integer> {
        @Option(names = "--key", required = true, paramLabel = "FILE",
                description = "The client's private JWK, or a JWK Set holding one private key.")
        String key;

        @Spec
        CommandSpec spec;

        private final Context context;

        Thumbprint(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String thumbprint;
            try {
                thumbprint = DpopProofIssuer.of(privateKey(key), context.clock()).thumbprint();
            } catch (IllegalArgumentException e) {
                throw new UsageException("--key", e.getMessage());
            }
            spec.commandLine().getOut().append(thumbprint).append('\n').flush();
            return 0;
        }
    }
}
