package dev.jwe.cli;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.ValidationUnavailableException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code jwe} command line: {@code validate}, {@code inspect}, {@code keys generate} and
 * {@code mint}, built on jwe-core with the same settings ({@code jwe.*}) as the web adapters.
 *
 * <p>Standard output carries only results (JSON, or a token from {@code mint}); messages and logs
 * go to standard error. Exit status: 0 success, 1 a token is invalid (or malformed, for
 * {@code inspect}), 2 a usage, configuration or key error, with a message naming the option or
 * setting. No command ever prints a token it was given, or key material.
 */
@Command(name = "jwe", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = JweCli.Version.class,
        description = "Encrypted JWT access tokens (a signed JWT nested in a JWE): validate, inspect, keys, mint,"
                + " revoke, dpop.",
        subcommands = {ValidateCommand.class, InspectCommand.class, KeysCommand.class, MintCommand.class,
            RevokeCommand.class, DpopCommand.class})
public final class JweCli implements Callable<Integer> {
    /** Exit status: a usage, configuration or key error. */
    static final int USAGE = 2;

    /**
     * Token-like text (long runs of base64url and dots) in picocli's messages, which quote the
     * arguments they did not understand: such arguments may be tokens, which are never echoed.
     */
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_\\-]{24,}(\\.[A-Za-z0-9_\\-]*)+"
            + "|[A-Za-z0-9_\\-]{64,}");

    @Spec
    CommandSpec spec;

    private JweCli() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        configureLogging();
        CommandLine cli = commandLine(Context.system());
        cli.setOut(new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                1 << 16), false));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        int status;
        try {
            status = cli.execute(args);
        } catch (Error e) {
            // picocli passes Errors through; no stack trace (it could quote input), just the type.
            cli.getErr().println("jwe: unexpected error " + e.getClass().getName());
            status = USAGE;
        }
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(status);
    }

    /**
     * SLF4J Simple writes to standard error; warnings only, unless {@code --audit} asks for the
     * audit trail (logger {@code dev.jwe.audit}). {@code -D} settings given to the JVM win.
     */
    private static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.jwe.audit", "info");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /**
     * The command hierarchy, wired to a context, with the exit-status mapping. Set the output and
     * error writers on the result before executing.
     *
     * @param context clock, environment, standard input and validator factory
     * @return the command line
     */
    static CommandLine commandLine(Context context) {
        CommandLine cli = new CommandLine(new JweCli(), new Factory(context));
        for (String name : new String[] {"validate", "inspect", "revoke"}) {
            cli.getSubcommands().get(name).getCommandSpec().usageMessage().footer(SettingsOptions.helpFooter());
        }
        // A base64url value (a thumbprint for --cnf-jkt, a kid) may start with '-', e.g. "-hU9...": it is
        // the option's value, not -h (help). Values are checked by each option afterwards.
        cli.setAllowOptionsAsOptionParameters(true);
        cli.setExecutionExceptionHandler(JweCli::onException);
        cli.setParameterExceptionHandler(JweCli::onParameterException);
        return cli;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (validate, inspect, keys, mint, revoke)");
    }

    private static int onParameterException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + redact(e.getMessage()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    private static int onException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getOut().flush();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (e instanceof UsageException || e instanceof ConfigurationException) {
            err.println(name + ": " + e.getMessage());
        } else if (e instanceof KeySourceException) {
            err.println(name + ": key source failed: " + e.getMessage());
        } else if (e instanceof ValidationUnavailableException) {
            err.println(name + ": validation unavailable: " + e.getMessage());
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println(name + ": I/O error: " + e.getClass().getSimpleName() + " " + redact(String.valueOf(e.getMessage())));
        } else {
            // Our bug, not the user's input: name it, but never pass on a message that might quote input.
            err.println(name + ": unexpected error " + e.getClass().getName());
        }
        err.flush();
        return USAGE;
    }

    static String redact(String message) {
        return message == null ? null : TOKEN_LIKE.matcher(message).replaceAll("<redacted>");
    }

    /** Makes the commands, handing the context to those that need it. */
    private static final class Factory implements IFactory {
        private final Context context;

        Factory(Context context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ValidateCommand.class) {
                return type.cast(new ValidateCommand(context));
            }
            if (type == InspectCommand.class) {
                return type.cast(new InspectCommand(context));
            }
            if (type == MintCommand.class) {
                return type.cast(new MintCommand(context));
            }
            if (type == RevokeCommand.class) {
                return type.cast(new RevokeCommand(context));
            }
            if (type == DpopCommand.Proof.class) {
                return type.cast(new DpopCommand.Proof(context));
            }
            if (type == DpopCommand.Thumbprint.class) {
                return type.cast(new DpopCommand.Thumbprint(context));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = JweCli.class.getPackage().getImplementationVersion();
            return new String[] {"jwe " + (v == null ? "(development build)" : v)};
        }
    }
}
