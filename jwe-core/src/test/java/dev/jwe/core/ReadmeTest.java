package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's settings and reasons tables true to the code. */
class ReadmeTest {
    private static String readme() throws Exception {
        // Surefire runs in the module directory; the README is at the repository root.
        return Files.readString(Path.of("..", "README.md"));
    }

    @Test
    void readmeWhenReadThenEverySettingIsInTheTableWithItsDefault() throws Exception {
        String readme = readme();
        for (JweSettings.Setting s : JweSettings.knownSettings()) {
            String row = "| `" + s.name() + "` | " + (s.defaultValue() == null ? "—" : "`" + s.defaultValue() + "`")
                    + " |";
            assertThat(readme).as("README settings row for " + s.name()).contains(row);
        }
    }

    @Test
    void readmeWhenReadThenEveryReasonIsInTheTableWithStatusAndErrorCode() throws Exception {
        String readme = readme();
        for (Reason r : Reason.values()) {
            String code = r.bearerError().code() == null ? "—" : "`" + r.bearerError().code() + "`";
            assertThat(readme).as("README reasons row for " + r)
                    .contains("| `" + r.name() + "` | " + r.httpStatus() + " | " + code + " |");
        }
    }
}
