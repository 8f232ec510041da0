package dev.jwe.cli;

import dev.jwe.core.AuditListener;
import dev.jwe.core.InMemoryRevocationStore;
import dev.jwe.core.JweSettings;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.VerifiedToken;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jwe revoke}: the operator's hook into the shared revocation store that the servers consult
 * ({@code jwe.revocation.store=jcache}). Revokes one token by issuer and {@code jti} (until its
 * {@code exp}), one token given whole (validated first with the configured keys), or every token of a
 * subject issued before a moment. Prints one JSON line. Exit 0 on success, 1 when a given token is
 * not valid, 2 for a usage or configuration error (the in-memory store is refused: a revocation made
 * in this process would vanish with it).
 */
@Command(name = "revoke", sortOptions = false,
        description = {"Revoke tokens in the shared revocation store the servers consult"
                + " (jwe.revocation.store=jcache; put the JCache provider's jar on the class path).",
            "Exit status: 0 revoked, 1 the given token is not valid, 2 usage or configuration error."})
final class RevokeCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--iss", paramLabel = "ISSUER",
            description = "The issuer of the token (--jti) or of the subject (--sub); jti and sub are unique per issuer.")
    String issuer;

    /** Exactly one of: a token id, a whole token, a subject. */
    static final class Target {
        @ArgGroup(exclusive = false)
        ById byId;

        @Option(names = "--token", paramLabel = "TOKEN",
                description = "A whole token (or - to read it from standard input): validated with the configured"
                        + " keys, then revoked by its jti until its exp.")
        String token;

        @ArgGroup(exclusive = false)
        BySubject bySubject;
    }

    /** Revoke one token by issuer and id. */
    static final class ById {
        @Option(names = "--jti", required = true, paramLabel = "JTI", description = "The token id to revoke.")
        String jti;

        @Option(names = "--exp", required = true, paramLabel = "INSTANT",
                description = "The token's exp: seconds since the epoch or an ISO-8601 instant.")
        String exp;
    }

    /** Revoke a subject's tokens. */
    static final class BySubject {
        @Option(names = "--sub", required = true, paramLabel = "SUBJECT",
                description = "Revoke every token of this subject issued before --before.")
        String subject;

        @Option(names = "--before", paramLabel = "INSTANT",
                description = "Seconds since the epoch or an ISO-8601 instant; default now.")
        String before;
    }

    @Spec
    CommandSpec spec;

    private final Context context;

    RevokeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        JweSettings bound = settings.bind(context.environment());
        Map<String, Object> out = new LinkedHashMap<>();
        try (RevocationStore store = bound.buildRevocationStore(context.clock())) {
            if (store instanceof InMemoryRevocationStore) {
                throw new UsageException("jwe.revocation.store", "the in-memory store lives in one process: a"
                        + " revocation made here would vanish when this command exits; set"
                        + " jwe.revocation.store=jcache (module jwe-jcache) to reach the store your servers share");
            }
            if (target.token == null && issuer == null) {
                throw new UsageException("--iss", "required with --jti and --sub");
            }
            if (target.byId != null) {
                Instant until = store.revokeToken(issuer, target.byId.jti,
                        instant("--exp", target.byId.exp));
                out.put("revoked", "token");
                out.put("iss", issuer);
                out.put("jti", target.byId.jti);
                out.put("kept_until", until.toString());
            } else if (target.bySubject != null) {
                Instant before = target.bySubject.before == null ? context.clock().instant()
                        : instant("--before", target.bySubject.before);
                Instant until = store.revokeSubject(issuer, target.bySubject.subject, before);
                out.put("revoked", "subject");
                out.put("iss", issuer);
                out.put("sub", target.bySubject.subject);
                out.put("issued_before", before.toString());
                out.put("kept_until", until.toString());
            } else {
                if (issuer != null) {
                    throw new UsageException("--iss", "not with --token (the token names its issuer)");
                }
                VerifiedToken token;
                try {
                    token = context.validators().create(bound, context.clock(), AuditListener.NOOP)
                            .validate(readToken());
                } catch (dev.jwe.core.TokenRejectedException e) {
                    print(Verdicts.rejected(e));
                    return 1;
                }
                if (token.jwtId().isEmpty()) {
                    throw new UsageException("--token", "the token has no jti; revoke its subject with --sub instead");
                }
                Instant until = store.revoke(token);
                out.put("revoked", "token");
                out.put("iss", token.issuer().orElse(null));
                out.put("jti", token.jwtId().get());
                out.put("kept_until", until.toString());
            }
        }
        print(out);
        return 0;
    }

    private String readToken() throws IOException {
        if (!target.token.equals("-")) {
            return target.token.trim();
        }
        TokenLines lines = new TokenLines(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8),
                TokenLines.MAX_CHARS);
        String token = lines.next();
        if (token == null) {
            throw new UsageException("--token", "no token on standard input");
        }
        return token;
    }

    private void print(Map<String, Object> line) {
        PrintWriter w = spec.commandLine().getOut();
        w.println(Json.write(line));
        w.flush();
    }

    private static Instant instant(String option, String value) {
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new UsageException(option, "expected seconds since the epoch or an ISO-8601 instant");
        }
    }
}
