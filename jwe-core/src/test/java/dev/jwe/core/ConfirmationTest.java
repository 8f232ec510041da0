package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code cnf} claim (RFC 7800) as the validator keeps it for the sender-constraint checks. */
class ConfirmationTest {
    private static final KeyEntry ENC = TestKeys.oct("enc", 32);
    private static final KeyEntry SIG = TestKeys.oct("sig", 32);
    private static final String JKT = "-hU9vOQ5toACIAYdl6eKDVo07j3GNfWxff161I8Av1M";

    private static JweTokenValidator validator() {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC)).verificationKeys(KeySource.of(SIG))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK)
                .auditListener(AuditListener.NOOP).build();
    }

    private static String token(Object cnf) {
        Map<String, Object> claims = TestKeys.claims();
        if (cnf != null) {
            claims.put("cnf", cnf);
        }
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    @Test
    void confirmationWhenCacheHitThenThumbprintsWithoutParsingClaimsFirst() throws Exception {
        JweTokenValidator v = validator();
        String t = token(Map.of("jkt", JKT, "x5t#S256", "cert-thumbprint"));
        v.validate(t);
        VerifiedToken hit = v.validate(t);
        assertThat(hit.metadata().cached()).isTrue();
        // Before the claims map is asked for: a hit keeps the binding in its compact facts.
        assertThat(hit.confirmationKeyThumbprint()).contains(JKT);
        assertThat(hit.confirmationCertificateThumbprint()).contains("cert-thumbprint");
    }

    @Test
    void confirmationWhenNoCnfThenEmpty() throws Exception {
        VerifiedToken t = validator().validate(token(null));
        assertThat(t.confirmationKeyThumbprint()).isEmpty();
        assertThat(t.confirmationCertificateThumbprint()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"string", "jkt-number", "x5t-array"})
    void validateWhenCnfMalformedThenMalformedClaims(String shape) {
        Object cnf = switch (shape) {
            case "string" -> JKT;
            case "jkt-number" -> Map.of("jkt", 42);
            default -> Map.of("x5t#S256", List.of("a"));
        };
        assertThatThrownBy(() -> validator().validate(token(cnf))).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_CLAIMS));
    }
}
