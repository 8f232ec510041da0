package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.JweSettings;
import dev.jwe.core.settings.ReadmeSettingsTable;
import dev.jwe.core.settings.Setting;
import dev.jwe.core.settings.SettingsCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings jwe-servlet declares: found by core, documented, and known to core by owner. */
class ServletSettingsTest {
    private final List<Setting<?>> declared = new ServletSettings().settings();

    @Test
    void settingsWhenModuleOnTheClassPathThenKnownToJweSettings() {
        assertThat(JweSettings.knownSettings()).containsAll(declared);
        assertThat(declared).allSatisfy(s -> assertThat(s.owner()).isEqualTo("jwe-servlet"));
        JweSettings s = JweSettings.of(Map.of("jwe.exclude-paths", "/health, /status/*", "jwe.replay.paths", "/pay/*"));
        assertThat(s.get(ServletSettings.EXCLUDE_PATHS)).containsExactly("/health", "/status/*");
        assertThat(s.get(ServletSettings.REPLAY_PATHS)).containsExactly("/pay/*");
        assertThat(JweSettings.of(Map.of()).get(ServletSettings.EXCLUDE_PATHS)).isEmpty();
    }

    @Test
    void settingsWhenComparedWithCoreThenCoreNamesThisModuleForEachAndNoOther() {
        assertThat(declared).extracting(Setting::name)
                .containsExactlyInAnyOrderElementsOf(SettingsCatalog.keysDeclaredBy("jwe-servlet"));
    }

    @Test
    void readmeWhenReadThenEveryServletSettingIsInTheTable() {
        ReadmeSettingsTable.assertDocumented(declared);
    }
}
