package dev.jwe.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's settings table, checked against the declarations: each module's tests check the
 * rows of the settings it declares (the README is one table for all modules). Shared through
 * jwe-core's test jar.
 */
public final class ReadmeSettingsTable {

    private ReadmeSettingsTable() {
    }

    /** The repository's README; tests run in their module's directory, one level below the root. */
    public static String readme() {
        try {
            return Files.readString(Path.of("..", "README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The README row of a setting: name, default and description, as declared.
     *
     * @param s the setting
     * @return e.g. {@code | `jwe.clock-skew` | `PT30S` | Allowed clock skew ... |}
     */
    public static String row(Setting<?> s) {
        return "| `" + s.name() + "` | " + s.defaultText().map(d -> "`" + d + "`").orElse("—") + " | "
                + s.description() + " |";
    }

    /**
     * Asserts that each setting has its row in the README, word for word.
     *
     * @param settings the settings
     */
    public static void assertDocumented(List<Setting<?>> settings) {
        String readme = readme();
        for (Setting<?> s : settings) {
            assertThat(readme).as("README settings row for " + s.name()).contains(row(s));
        }
    }

    /** The names in the README's settings table, in its order. */
    public static List<String> documentedNames() {
        return readme().lines().filter(l -> l.startsWith("| `jwe."))
                .map(l -> l.substring(3, l.indexOf('`', 3))).toList();
    }
}
