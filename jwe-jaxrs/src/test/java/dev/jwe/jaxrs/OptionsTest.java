package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

    @Test
    void fromWhenNothingSetThenDefaults() {
        Options o = Options.from(JweSettings.of(Map.of()));
        assertThat(o).isEqualTo(new Options("api", false, false, null, null));
    }

    @Test
    void fromWhenAllSetThenRead() {
        Options o = Options.from(JweSettings.of(Map.of("jwe.realm", "orders api", "jwe.anonymous", "TRUE",
                "jwe.allow-preflight", "true", "jwe.token-header", "X-Access-Token", "jwe.token-cookie", "at")));
        assertThat(o).isEqualTo(new Options("orders api", true, true, "X-Access-Token", "at"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jwe.realm|a\"b",
        "jwe.realm|a\\b",
        "jwe.realm|caf\u00e9",
        "jwe.anonymous|yes",
        "jwe.allow-preflight|1",
        "jwe.token-header|authorization",
        "jwe.token-header|X Token",
        "jwe.token-header|X:Token",
        "jwe.token-cookie|a;b",
        "jwe.token-cookie|a=b"})
    void fromWhenSettingInvalidThenConfigurationExceptionNamesIt(String setting, String value) {
        assertThatThrownBy(() -> Options.from(JweSettings.of(Map.of(setting, value))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.getMessage()).startsWith(setting + ": ").doesNotContain(value);
                });
    }
}
