package dev.jwe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Correctness only (no timing): every measured path really validates the suite's token. */
class ValidationBenchmarkTest {
    static final java.util.List<String> SUITES = Fixture.SUITES;

    @ParameterizedTest
    @FieldSource("SUITES")
    void setUpWhenSuiteThenEveryPathAcceptsTheTokenAndRejectsATamperedOne(String suite) throws Exception {
        ValidationBenchmark b = new ValidationBenchmark();
        b.suite = suite;
        b.setUp();
        assertThat(new String(b.jcaFloor(), StandardCharsets.UTF_8)).contains("\"sub\":\"alice\"");
        assertThat(b.jose4jConsumer().getSubject()).isEqualTo("alice");
        assertThat(b.nimbusProcessor().getIssuer()).isEqualTo(Fixture.ISSUER);
        assertThat(b.smallryeParser().getName()).isEqualTo("alice");
        assertThat(b.jweUncached().metadata().cached()).isFalse();
        assertThat(b.jweCached().metadata().cached()).isTrue();
        assertThat(b.jweCachedNoRevocation().metadata().cached()).isTrue();
        assertThat(b.jweCachedMetered().metadata().cached()).isTrue();
        assertThat(b.sha256Token()).hasSize(32);
    }

    @ParameterizedTest
    @FieldSource("SUITES")
    void setUpWhenProviderAccpThenJweAndFloorAcceptTheTokenThroughAccp(String suite) throws Exception {
        ValidationBenchmark b = new ValidationBenchmark();
        b.suite = suite;
        b.provider = "accp";
        b.setUp();
        assertThat(new String(b.jcaFloor(), StandardCharsets.UTF_8)).contains("\"sub\":\"alice\"");
        assertThat(b.jweUncached().subject()).contains("alice");
        assertThat(b.jweCached().metadata().cached()).isTrue();
    }

    @ParameterizedTest
    @FieldSource("SUITES")
    void jcaFloorWhenCiphertextTamperedThenThrows(String suite) {
        Fixture f = new Fixture(suite);
        JcaFloor floor = new JcaFloor(f);
        assertThatThrownBy(() -> floor.validate(ValidationBenchmark.tamper(f.token)))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @ParameterizedTest
    @FieldSource("SUITES")
    void jcaFloorWhenTokenOfOtherKeysThenThrows(String suite) {
        JcaFloor floor = new JcaFloor(new Fixture(suite));
        String foreign = new Fixture(suite).token;
        assertThatThrownBy(() -> floor.validate(foreign)).isInstanceOf(java.security.GeneralSecurityException.class);
    }
}
