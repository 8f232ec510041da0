package dev.jwe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.Jwt;

/** Correctness only (no timing): both decoders authenticate alice from the same claims. */
class SpringDecoderBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP-256+A256GCM+RS256", "ECDH-ES+A256KW+A256GCM+ES256"})
    void setUpWhenSuiteThenBothDecodersAuthenticateAliceFromTheirOwnToken(String suite) throws Exception {
        SpringDecoderBenchmark b = new SpringDecoderBenchmark();
        b.suite = suite;
        b.setUp();
        Jwt encrypted = (Jwt) b.jweCached().getPrincipal();
        Jwt signedOnly = (Jwt) b.nimbusSignedOnly().getPrincipal();
        assertThat(encrypted.getClaims()).isEqualTo(signedOnly.getClaims());
        assertThat(encrypted.getTokenValue().split("\\.")).as("compact JWE").hasSize(5);
        assertThat(signedOnly.getTokenValue().split("\\.")).as("compact JWS").hasSize(3);
        assertThat(b.jweUncached().getName()).isEqualTo("alice");
    }
}
