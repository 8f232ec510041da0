package dev.jwe.cli;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.settings.Setting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --config} and {@code --set} options, bound through {@link JweSettings}, the one
 * configuration path shared with the Servlet and JAX-RS adapters. Layers, first wins: {@code --set},
 * JVM system properties ({@code -Djwe.issuer=...}), environment variables ({@code JWE_ISSUER}),
 * then the {@code --config} file (which is the {@code jwe.config} setting, always the lowest layer).
 */
final class SettingsOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with jwe.* settings (the jwe.config setting; the lowest layer:"
                    + " --set, -D system properties and JWE_* environment variables win over it).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "One jwe.* setting, e.g. --set jwe.issuer=https://id.example; wins over every"
                    + " other source. Repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    /** True when the command line names a configuration (a file or a setting). */
    boolean given() {
        return config != null || !set.isEmpty();
    }

    /**
     * Binds the settings.
     *
     * @param environment the environment variables
     * @return the settings
     * @throws UsageException when {@code --set} names something that is not a {@code jwe.*} setting
     * @throws ConfigurationException naming the setting when a key is unknown or the file unreadable
     */
    JweSettings bind(Map<String, String> environment) {
        Map<String, String> commandLine = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : set.entrySet()) {
            String key = e.getKey().trim();
            if (!key.startsWith("jwe.")) {
                throw new UsageException("--set", "'" + key + "' is not a jwe.* setting (see --help for the list)");
            }
            if (key.equals("jwe.config") && config != null) {
                throw new UsageException("--set", "jwe.config given together with --config; choose one");
            }
            commandLine.put(key, e.getValue());
        }
        if (config != null) {
            commandLine.put("jwe.config", config.toString());
        }
        try {
            return JweSettings.builder()
                    .add("--set", commandLine)
                    .addSystemProperties()
                    .addEnvironment(environment)
                    .build();
        } catch (ConfigurationException e) {
            if (config != null && e.setting().equals("jwe.config")) {
                throw new UsageException("--config", e.getMessage());
            }
            throw e;
        }
    }

    /** The known settings as help text, one per line. */
    static String helpFooter() {
        StringBuilder sb = new StringBuilder("%nSettings (--set KEY=VALUE, --config file, -DKEY=VALUE, or"
                + " environment variable KEY upper-cased with . and - as _):%n");
        for (Setting<?> s : JweSettings.knownSettings()) {
            sb.append("  ").append(s.name());
            s.defaultText().ifPresent(d -> sb.append(" (default ").append(d).append(')'));
            sb.append("%n      ").append(s.description().replace("%", "%%")).append("%n");
        }
        return sb.toString();
    }
}
