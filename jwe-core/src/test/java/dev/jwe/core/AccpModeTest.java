package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the "accp" test execution (ACCP on the class path): proves that the suites run
 * beside it (RFC 7520, Wycheproof, hostile tokens, algorithm matrix) really ran with ACCP, so that
 * a silent fall-back to the JDK cannot pass for "same answers in both modes".
 */
class AccpModeTest {
    @Test
    void buildWhenAccpOnClassPathThenAutoTakesItWithoutInstallingIt() {
        JweTokenValidator v = TestTokens.validator(KeySource.of(TestKeys.rsa("enc", 2048)),
                KeySource.of(TestKeys.publicOnly(TestKeys.rsa("sig", 2048)))).build();

        assertThat(v.cryptoProvider()).startsWith("AmazonCorrettoCryptoProvider 2.5");
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
    }
}
