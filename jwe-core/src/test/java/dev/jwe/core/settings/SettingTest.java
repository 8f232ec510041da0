package dev.jwe.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTest {
    private static final Setting.Declarer TEST = Setting.declaredBy("jwe-test");

    @Test
    void parseWhenEachTypeThenTypedValue() {
        assertThat(TEST.string("jwe.a", null, "d").parse("  x y ")).isEqualTo("x y");
        assertThat(TEST.bool("jwe.b", false, "d").parse("TRUE")).isTrue();
        assertThat(TEST.bool("jwe.b", true, "d").parse(" false")).isFalse();
        assertThat(TEST.integer("jwe.c", null, "d").parse(" 42 ")).isEqualTo(42);
        assertThat(TEST.duration("jwe.d", null, "d").parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TEST.list("jwe.e", "d").parse(" a ,, b,")).containsExactly("a", "b");
    }

    @ParameterizedTest
    @CsvSource({
        "BOOLEAN, yes-please, expected true or false",
        "INTEGER, 16k-secret, expected a whole number",
        "INTEGER, 99999999999, expected a whole number",
        "DURATION, 30 s-secret, ISO-8601"})
    void parseWhenMalformedThenSaysWhatWasExpectedWithoutTheValue(Setting.Type type, String value, String expected) {
        assertThatThrownBy(() -> type.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected).message().doesNotContain(value);
    }

    @Test
    void defaultTextWhenTypedDefaultThenWrittenAsConfigured() {
        assertThat(CoreSettings.CLOCK_SKEW.defaultText()).contains("PT30S");
        assertThat(CoreSettings.MAX_TOKEN_LENGTH.defaultText()).contains("16384");
        assertThat(CoreSettings.SIGNATURE_REQUIRED.defaultText()).contains("true");
        assertThat(CoreSettings.PRINCIPAL_CLAIM.defaultText()).contains("sub");
        assertThat(CoreSettings.ISSUER.defaultText()).isEmpty();
        assertThat(CoreSettings.ISSUER.defaultValue()).isNull();
    }

    @Test
    void documentedDefaultWhenSetThenShownButNoTypedDefault() {
        assertThat(CoreSettings.KEY_MANAGEMENT_ALGORITHMS.defaultText()).contains("from the keys");
        assertThat(CoreSettings.KEY_MANAGEMENT_ALGORITHMS.defaultValue()).isNull();
    }

    @Test
    void withersWhenCalledThenNewDeclarationAndOriginalUnchanged() {
        Setting<String> plain = TEST.string("jwe.a", null, "d");
        Setting<String> secret = plain.asSecret();
        Setting<String> scoped = plain.onlyWith(CoreSettings.REVOCATION_STORE, "x", null);

        assertThat(plain.isSecret()).isFalse();
        assertThat(plain.condition()).isEmpty();
        assertThat(secret.isSecret()).isTrue();
        assertThat(secret.name()).isEqualTo("jwe.a");
        assertThat(secret.owner()).isEqualTo("jwe-test");
        assertThat(scoped.condition()).hasValueSatisfying(c -> {
            assertThat(c.selector()).isSameAs(CoreSettings.REVOCATION_STORE);
            assertThat(c.value()).isEqualTo("x");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"issuer", "jwe", "jwe.", "JWE.issuer", "jwe.Issuer", "jwe.a..b", "jwe.a b", "jwe.-a", "jwe.a_b"})
    void declareWhenNameIsNotAJweKeyThenFails(String name) {
        assertThatThrownBy(() -> TEST.string(name, null, "d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @Test
    void declareWhenDescriptionOrModuleBlankThenFails() {
        assertThatThrownBy(() -> TEST.string("jwe.a", null, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("description");
        assertThatThrownBy(() -> Setting.declaredBy("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("module");
        assertThatThrownBy(() -> TEST.list("jwe.a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void listWhenUnsetThenNoTypedDefault() {
        assertThat(TEST.list("jwe.e", "d").defaultValue()).isNull();
        assertThat(TEST.list("jwe.e", "d").type()).isEqualTo(Setting.Type.LIST);
        assertThat(TEST.list("jwe.e", "d").parse("")).isEqualTo(List.of());
    }
}
