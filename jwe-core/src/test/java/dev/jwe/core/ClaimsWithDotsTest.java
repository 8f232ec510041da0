package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Claims whose JSON holds two or four dots (an issuer such as https://id.example.com) are not a nested JWS or JWE. */
class ClaimsWithDotsTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    @Test
    void validateWhenClaimsJsonHasTwoOrFourDotsThenAccepted() throws Exception {
        JweTokenValidator v = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).issuer("https://id.example.com")
                .audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build();
        TokenIssuer issuer = TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build();
        for (String extra : new String[] {"", "a.b.c"}) {
            Map<String, Object> claims = TestKeys.claims();
            claims.put("iss", "https://id.example.com");
            claims.put("note", extra);

            VerifiedToken t = v.validate(issuer.issue(claims));

            assertThat(t.claims()).containsEntry("note", extra);
        }
    }
}
