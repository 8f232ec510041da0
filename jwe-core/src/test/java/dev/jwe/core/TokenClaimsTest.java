package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenClaimsTest {
    private static Reason rejection(String json) {
        try {
            TokenClaims.read(json);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the claims were read");
    }

    @Test
    void readWhenJsonObjectThenIssSubJtiAndEveryClaim() throws Exception {
        TokenClaims c = TokenClaims.read("{\"iss\":\"https://issuer.test\",\"sub\":\"alice\",\"jti\":\"j-1\",\"n\":1}");
        assertThat(c.issuer()).isEqualTo("https://issuer.test");
        assertThat(c.subject()).isEqualTo("alice");
        assertThat(c.jwtId()).isEqualTo("j-1");
        assertThat(c.all()).containsEntry("n", 1L).hasSize(4);
    }

    @Test
    void readWhenIssSubJtiAbsentThenNulls() throws Exception {
        TokenClaims c = TokenClaims.read("{}");
        assertThat(c.issuer()).isNull();
        assertThat(c.subject()).isNull();
        assertThat(c.jwtId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"iss\":1}", "{\"sub\":[\"alice\"]}", "{\"jti\":{}}", "{\"sub\":true}"})
    void readWhenIssSubOrJtiNotAStringThenMalformedClaims(String json) {
        assertThat(rejection(json)).isEqualTo(Reason.MALFORMED_CLAIMS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "{\"sub\":\"a\"} {}", "{\"sub\":\"a\",\"sub\":\"b\"}", "{\"exp\":1,}",
            "e30.e30.c2ln", ""})
    void readWhenNotOneStrictJsonObjectThenMalformedClaims(String json) {
        assertThat(rejection(json)).isEqualTo(Reason.MALFORMED_CLAIMS);
    }

    @Test
    void readWhenNestedDeeperThan16ThenMalformedClaims() throws Exception {
        String sixteen = "{\"a\":".repeat(15) + "{}" + "}".repeat(15);
        assertThat(TokenClaims.read(sixteen).all()).containsKey("a");
        String seventeen = "{\"a\":".repeat(16) + "{}" + "}".repeat(16);
        assertThat(rejection(seventeen)).isEqualTo(Reason.MALFORMED_CLAIMS);
    }
}
