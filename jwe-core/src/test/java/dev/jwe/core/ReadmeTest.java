package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.settings.IssuerSettings;
import dev.jwe.core.settings.ReadmeSettingsTable;
import dev.jwe.core.settings.SettingsCatalog;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's settings and reasons tables true to the code. The rows of settings that
 * other modules declare are checked by those modules' tests (ServletSettingsTest, JCacheSettingsTest).
 */
class ReadmeTest {

    @Test
    void readmeWhenReadThenEverySettingIsInTheTableWithItsDefault() {
        ReadmeSettingsTable.assertDocumented(JweSettings.knownSettings());
        ReadmeSettingsTable.assertDocumented(IssuerSettings.ALL);
    }

    @Test
    void readmeWhenReadThenEveryRowNamesADeclaredSetting() {
        SettingsCatalog core = SettingsCatalog.load();
        assertThat(ReadmeSettingsTable.documentedNames()).isNotEmpty().doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(core.find(name).isPresent()
                        || SettingsCatalog.moduleDeclaring(name).isPresent()
                        || IssuerSettings.template(name).isPresent()).as(name + " is declared").isTrue());
    }

    @Test
    void readmeWhenReadThenEveryReasonIsInTheTableWithStatusAndErrorCode() throws Exception {
        String readme = ReadmeSettingsTable.readme();
        for (Reason r : Reason.values()) {
            String code = r.bearerError().code() == null ? "—" : "`" + r.bearerError().code() + "`";
            assertThat(readme).as("README reasons row for " + r)
                    .contains("| `" + r.name() + "` | " + r.httpStatus() + " | " + code + " |");
        }
    }
}
