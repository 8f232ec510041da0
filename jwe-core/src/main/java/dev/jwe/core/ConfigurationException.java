package dev.jwe.core;

import java.util.Objects;

/**
 * A configuration is invalid. The message names the setting (for example {@code jwe.clock-skew})
 * and never contains a secret value. Thrown at start-up: by {@link JweTokenValidator.Builder#build()},
 * by {@link JweSettings}, and by the adapters' initialisation.
 */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the setting's name, e.g. {@code jwe.issuer}
     * @param problem what is wrong with it
     */
    public ConfigurationException(String setting, String problem) {
        super(Objects.requireNonNull(setting, "setting") + ": " + problem);
        this.setting = setting;
    }

    /**
     * @param setting the setting's name
     * @param problem what is wrong with it
     * @param cause the underlying failure
     */
    public ConfigurationException(String setting, String problem, Throwable cause) {
        super(Objects.requireNonNull(setting, "setting") + ": " + problem, cause);
        this.setting = setting;
    }

    /** The name of the setting that is wrong. */
    public String setting() {
        return setting;
    }
}
