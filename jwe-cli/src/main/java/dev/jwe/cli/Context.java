package dev.jwe.cli;

import dev.jwe.core.AuditListener;
import dev.jwe.core.JweSettings;
import dev.jwe.core.TokenValidator;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from their surroundings: the clock, the environment (for {@code JWE_*}
 * settings), standard input, and how a validator is made from settings. {@link JweCli#main} uses
 * the real ones; tests pass a fixed clock, an empty environment and their own input. Immutable.
 *
 * @param clock the clock for token times ({@code iat}, {@code exp}) and validation
 * @param environment the environment variables
 * @param stdin standard input
 * @param validators makes the validator from the bound settings
 */
record Context(Clock clock, Map<String, String> environment, InputStream stdin, ValidatorFactory validators) {

    /** Makes a validator from settings; the default is {@link JweSettings#toValidatorBuilder()}. */
    @FunctionalInterface
    interface ValidatorFactory {
        /** The default: every core setting, plus the clock and audit listener. */
        ValidatorFactory DEFAULT = (settings, clock, audit) ->
                settings.toValidatorBuilder().clock(clock).auditListener(audit).build();

        /**
         * @param settings the bound settings
         * @param clock the clock
         * @param audit where audit events go
         * @return the validator
         * @throws dev.jwe.core.ConfigurationException naming the setting that is wrong
         */
        TokenValidator create(JweSettings settings, Clock clock, AuditListener audit);
    }

    Context {
        Objects.requireNonNull(clock, "clock");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(validators, "validators");
    }

    /** The process's own clock, environment and standard input. */
    static Context system() {
        return new Context(Clock.systemUTC(), System.getenv(), System.in, ValidatorFactory.DEFAULT);
    }

    /**
     * A context with the default validator factory.
     *
     * @param clock the clock
     * @param environment the environment variables
     * @param stdin standard input
     * @return the context
     */
    static Context of(Clock clock, Map<String, String> environment, InputStream stdin) {
        return new Context(clock, environment, stdin, ValidatorFactory.DEFAULT);
    }
}
