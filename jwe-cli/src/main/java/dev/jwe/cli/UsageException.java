package dev.jwe.cli;

/**
 * A command was used wrongly, or a file it was pointed at cannot serve: exit code 2. The message
 * starts with the option it is about and never contains a token or key material.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param option the option at fault, e.g. {@code --out}
     * @param problem what is wrong
     */
    UsageException(String option, String problem) {
        super(option + ": " + problem, null, false, false);
    }
}
