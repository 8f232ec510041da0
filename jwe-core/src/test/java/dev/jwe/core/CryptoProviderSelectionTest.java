package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Security;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jwe.crypto.provider}: what {@code auto} takes in this test run (the JDK's providers in the
 * default execution, ACCP in the "accp" execution, named by the system property
 * {@code jwe.test.crypto-provider}), {@code jdk}, a registered provider's name, an unknown name;
 * the start-up log line and the health snapshot say which.
 */
class CryptoProviderSelectionTest {
    private static final KeyEntry ENC = TestKeys.ec("enc", "P-256");
    private static final KeyEntry SIG = TestKeys.ec("sig", "P-256");
    private static final String EXPECTED = System.getProperty("jwe.test.crypto-provider", "JDK");

    private static JweTokenValidator.Builder validator() {
        return TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)));
    }

    private static String token() {
        return TestTokens.issue(ENC, "ECDH-ES+A256KW", "A256GCM", SIG, "ES256");
    }

    @Test
    void buildWhenAutoThenProviderOfThisRunLoggedAndInHealth() throws Exception {
        long mark = TestLog.mark();

        JweTokenValidator v = validator().build();

        assertThat(v.cryptoProvider()).startsWith(EXPECTED);
        assertThat(v.describePolicy()).contains("crypto-provider=" + v.cryptoProvider());
        assertThat(TestLog.since(mark)).contains("jwe: crypto provider " + v.cryptoProvider()
                + " (jwe.crypto.provider=auto)");
        assertThat(v.validate(token()).subject()).contains("alice");
    }

    @Test
    void buildWhenAutoThenProviderNeverInstalledInTheJvm() {
        validator().build();

        assertThat(Security.getProvider(CryptoProviderSelection.ACCP_NAME)).isNull();
    }

    @Test
    void buildWhenJdkThenJdkProviders() throws Exception {
        JweTokenValidator v = validator().cryptoProvider("jdk").build();

        assertThat(v.cryptoProvider()).isEqualTo("JDK");
        assertThat(v.validate(token()).subject()).contains("alice");
    }

    @Test
    void buildWhenRegisteredProviderNamedThenThatProvider() throws Exception {
        JweTokenValidator v = validator().cryptoProvider("SunEC").build();

        assertThat(v.cryptoProvider()).startsWith("SunEC ");
        assertThat(v.validate(token()).subject()).contains("alice");
    }

    @Test
    void buildWhenUnknownProviderThenConfigurationExceptionNamingSetting() {
        assertThatThrownBy(() -> validator().cryptoProvider("NoSuchProvider").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo("jwe.crypto.provider");
                    assertThat(e.getMessage()).contains("NoSuchProvider").contains("SunJCE");
                });
    }

    @Test
    void toValidatorBuilderWhenSettingIsJdkThenJdkProviders() throws Exception {
        JweSettings settings = JweSettings.of(Map.of("jwe.crypto.provider", "jdk"));

        JweTokenValidator v = settings.toValidatorBuilder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK).build();

        assertThat(v.cryptoProvider()).isEqualTo("JDK");
    }
}
