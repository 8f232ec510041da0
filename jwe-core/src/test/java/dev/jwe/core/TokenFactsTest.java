package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenFactsTest {
    private static final TokenFacts.Protection PROTECTION = new TokenFacts.Protection("k", "dir", "A256GCM", null,
            null, null, null);

    private static TokenFacts cached(String json, String principal, String sub, String jti) {
        Set<String> none = new LinkedHashSet<>();
        return new TokenFacts(principal, sub, "https://issuer.test", jti, List.of(), none, none, 100, TokenFacts.ABSENT,
                TokenFacts.ABSENT, PROTECTION, null, json.getBytes(StandardCharsets.UTF_8)).interned(new Interner());
    }

    @Test
    void internedWhenSubAndJtiAreLiteralInTheJsonThenReadBackFromIt() {
        TokenFacts f = cached("{\"act\":{\"sub\":\"Zürich\"},\"sub\":\"Zürich\",\"jti\":\"j-1\"}", "Zürich", "Zürich",
                "j-1");
        assertThat(f.subject).isNull();
        assertThat(f.jwtId).isNull();
        assertThat(f.subject()).isEqualTo("Zürich");
        assertThat(f.jwtId()).isEqualTo("j-1");
        assertThat(f.principalName(f.subject())).isEqualTo("Zürich");
    }

    @Test
    void internedWhenValuesAreEscapedOrNotValidUtf16ThenKeptAsStrings() {
        String lone = "a\ud800";
        TokenFacts f = cached("{\"sub\":\"a\\\"b\",\"jti\":\"a\\ud800\",\"x\":\"a?\",\"email\":\"e@x\"}", "e@x",
                "a\"b", lone);
        assertThat(f.subject()).isEqualTo("a\"b");
        assertThat(f.jwtId()).isEqualTo(lone);
        assertThat(f.principalName(f.subject())).isEqualTo("e@x");
    }

    @Test
    void internedWhenSubAbsentThenNone() {
        TokenFacts f = cached("{\"email\":\"e@x\"}", "e@x", null, null);
        assertThat(f.subject()).isNull();
        assertThat(f.jwtId()).isNull();
        assertThat(f.principalName(null)).isEqualTo("e@x");
    }
}
