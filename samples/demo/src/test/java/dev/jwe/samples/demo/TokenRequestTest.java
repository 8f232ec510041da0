package dev.jwe.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.samples.demo.TokenRequest.BadTokenRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRequestTest {

    private static Map<String, String[]> form(String... nameValue) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            String[] old = m.getOrDefault(nameValue[i], new String[0]);
            String[] values = java.util.Arrays.copyOf(old, old.length + 1);
            values[old.length] = nameValue[i + 1];
            m.put(nameValue[i], values);
        }
        return m;
    }

    @Test
    void fromFormWhenAllFieldsThenSplitsRolesOnCommasAndScopesOnSpacesAndCommas() throws Exception {
        TokenRequest r = TokenRequest.fromForm(form("sub", "alice", "roles", "admin,user", "roles", "user",
                "scopes", "orders:read orders:write,profile", "ttl", "120"));

        assertThat(r).isEqualTo(new TokenRequest("alice", List.of("admin", "user"),
                List.of("orders:read", "orders:write", "profile"), Duration.ofSeconds(120)));
    }

    @Test
    void fromFormOrJsonWhenDpopJktThenRequestBindsTheTokenToThatKey() throws Exception {
        String jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
        assertThat(TokenRequest.fromForm(form("sub", "alice", "dpop_jkt", jkt)).dpopJkt()).isEqualTo(jkt);
        assertThat(TokenRequest.fromJson("{\"sub\":\"alice\",\"dpop_jkt\":\"" + jkt + "\"}").dpopJkt()).isEqualTo(jkt);
        assertThat(TokenRequest.fromForm(form("sub", "alice")).dpopJkt()).isNull();
    }

    @Test
    void fromFormWhenDpopJktIsNotAThumbprintThenRefusedWithoutRepeatingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenRequest.fromForm(form("sub", "alice", "dpop_jkt",
                "secret-looking")))
                .isInstanceOf(BadTokenRequest.class).hasMessageContaining("dpop_jkt").hasMessageNotContaining("secret");
    }

    @Test
    void fromFormWhenOnlySubThenNoRolesNoScopesAndDefaultTtl() throws Exception {
        TokenRequest r = TokenRequest.fromForm(form("sub", "alice", "roles", ""));

        assertThat(r.roles()).isEmpty();
        assertThat(r.scopes()).isEmpty();
        assertThat(r.ttl()).isEqualTo(TokenRequest.DEFAULT_TTL);
    }

    @Test
    void fromFormWhenTtlIsIsoDurationThenParsed() throws Exception {
        assertThat(TokenRequest.fromForm(form("sub", "a", "ttl", "PT1H")).ttl()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3601", "PT61M", "-5", "P1D", "1e3", "9999999999999", "PT0.5S"})
    void fromFormWhenTtlOutOfBoundsOrMalformedThenRejected(String ttl) {
        assertThatThrownBy(() -> TokenRequest.fromForm(form("sub", "alice", "ttl", ttl)))
                .isInstanceOf(BadTokenRequest.class).message().startsWith("ttl must be");
    }

    @Test
    void fromFormWhenSubMissingBlankTooLongOrWithControlCharactersThenRejected() throws Exception {
        assertThatThrownBy(() -> TokenRequest.fromForm(form("roles", "user")))
                .isInstanceOf(BadTokenRequest.class).hasMessage("sub is required");
        assertThatThrownBy(() -> TokenRequest.fromForm(form("sub", "  ")))
                .isInstanceOf(BadTokenRequest.class).hasMessage("sub is required");
        assertThatThrownBy(() -> TokenRequest.fromForm(form("sub", "x".repeat(TokenRequest.MAX_SUBJECT_LENGTH + 1))))
                .isInstanceOf(BadTokenRequest.class).hasMessageStartingWith("sub must be at most 128");
        assertThatThrownBy(() -> TokenRequest.fromForm(form("sub", "alice\nFORGED")))
                .isInstanceOf(BadTokenRequest.class).hasMessageNotContaining("FORGED");
        assertThat(TokenRequest.fromForm(form("sub", "x".repeat(TokenRequest.MAX_SUBJECT_LENGTH))).subject())
                .hasSize(TokenRequest.MAX_SUBJECT_LENGTH);
    }

    @Test
    void fromFormWhenFieldUnknownOrRepeatedThenRejected() {
        assertThatThrownBy(() -> TokenRequest.fromForm(form("sub", "alice", "admin", "true")))
                .isInstanceOf(BadTokenRequest.class).hasMessageStartingWith("unknown field");
        assertThatThrownBy(() -> TokenRequest.fromForm(form("sub", "alice", "sub", "bob")))
                .isInstanceOf(BadTokenRequest.class).hasMessage("sub, ttl and dpop_jkt may be given once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a\\b", "a b", "ä",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void fromFormWhenRoleOrScopeHasForbiddenCharactersThenRejected(String value) {
        assertThatThrownBy(() -> TokenRequest.fromJson("{\"sub\":\"a\",\"roles\":[\"" + value.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"]}")).isInstanceOf(BadTokenRequest.class).hasMessageStartingWith("roles:");
        assertThatThrownBy(() -> TokenRequest.fromJson("{\"sub\":\"a\",\"scopes\":[\"" + value.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"]}")).isInstanceOf(BadTokenRequest.class).hasMessageStartingWith("scopes:");
    }

    @Test
    void fromFormWhenMoreThanTwentyRolesThenRejected() {
        String roles = String.join(",", java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "r" + i).toList());
        assertThatThrownBy(() -> TokenRequest.fromForm(form("sub", "a", "roles", roles)))
                .isInstanceOf(BadTokenRequest.class).hasMessage("roles: at most 20 values");
    }

    @Test
    void fromJsonWhenArraysAndNumberTtlThenRead() throws Exception {
        TokenRequest r = TokenRequest.fromJson(
                "{\"sub\":\"alice\",\"roles\":[\"admin\",\"admin\"],\"scopes\":\"a b,c\",\"ttl\":60}");

        assertThat(r).isEqualTo(new TokenRequest("alice", List.of("admin"), List.of("a", "b", "c"),
                Duration.ofSeconds(60)));
    }

    @Test
    void fromJsonWhenStringsAndNullsThenReadLikeTheForm() throws Exception {
        TokenRequest r = TokenRequest.fromJson("{\"sub\":\"alice\",\"roles\":\"admin,user\",\"scopes\":null,"
                + "\"ttl\":\"PT5M\"}");

        assertThat(r).isEqualTo(new TokenRequest("alice", List.of("admin", "user"), List.of(),
                Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "\"alice\"", "{\"sub\":\"a\"} trailing", "{\"sub\":\"a\",\"sub\":\"b\"}"})
    void fromJsonWhenNotOneJsonObjectThenRejectedWithoutEchoingIt(String body) {
        assertThatThrownBy(() -> TokenRequest.fromJson(body)).isInstanceOf(BadTokenRequest.class)
                .hasMessage("the body is not a JSON object (or repeats a member)");
    }

    @Test
    void fromJsonWhenMemberHasWrongTypeThenRejectedNamingIt() {
        assertThatThrownBy(() -> TokenRequest.fromJson("{\"sub\":42}")).hasMessage("sub must be a string");
        assertThatThrownBy(() -> TokenRequest.fromJson("{\"sub\":\"a\",\"roles\":[1]}"))
                .hasMessage("roles must be an array of strings or a string");
        assertThatThrownBy(() -> TokenRequest.fromJson("{\"sub\":\"a\",\"ttl\":1.5}"))
                .hasMessage("ttl must be whole seconds");
        assertThatThrownBy(() -> TokenRequest.fromJson("{\"sub\":\"a\",\"ttl\":99999999999999999999}"))
                .hasMessage("ttl must be whole seconds");
        assertThatThrownBy(() -> TokenRequest.fromJson("{\"sub\":\"a\",\"ttl\":true}"))
                .hasMessage("ttl must be a string");
        assertThatThrownBy(() -> TokenRequest.fromJson("{\"sub\":\"a\",\"exp\":1}"))
                .hasMessageStartingWith("unknown field");
    }

    @Test
    void fromJsonWhenNestedVeryDeeplyThenRejectedNotStackOverflow() {
        String deep = "{\"sub\":" + "[".repeat(4000) + "]".repeat(4000) + "}";
        assertThatThrownBy(() -> TokenRequest.fromJson(deep)).isInstanceOf(BadTokenRequest.class);
    }
}
