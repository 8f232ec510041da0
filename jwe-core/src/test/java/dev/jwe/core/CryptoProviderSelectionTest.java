package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Provider;
import java.security.Security;
import java.util.List;
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

    /** Stands in for ACCP on a platform where its native library cannot load. */
    public static final class NativeNotLoaded extends Provider {
        public static final NativeNotLoaded INSTANCE = new NativeNotLoaded();

        NativeNotLoaded() {
            super("NativeNotLoaded", "1", "test stand-in");
        }

        public Throwable getLoadingError() {
            return new UnsatisfiedLinkError("no native library for this platform");
        }

        public String runSelfTests() {
            throw new IllegalStateException("not reached: the loading error comes first");
        }
    }

    /** Stands in for ACCP whose self-test fails. */
    public static final class SelfTestFails extends Provider {
        public static final SelfTestFails INSTANCE = new SelfTestFails();

        SelfTestFails() {
            super("SelfTestFails", "1", "test stand-in");
        }

        public Throwable getLoadingError() {
            return null;
        }

        public String runSelfTests() {
            return "FAILED";
        }
    }

    /** Stands in for ACCP already loaded by another class loader: its class initialisation fails. */
    public static final class LoadedElsewhere extends Provider {
        public static final LoadedElsewhere INSTANCE = new LoadedElsewhere();

        LoadedElsewhere() {
            super("LoadedElsewhere", "1", "test stand-in");
            throw new IllegalStateException("native library already loaded in another classloader");
        }
    }

    private static String standIn(Class<?> type) {
        return type.getName();
    }

    @Test
    void autoWhenNativeLibraryDoesNotLoadThenJdkWithOneWarning() {
        long mark = TestLog.mark();

        assertThat(CryptoProviderSelection.auto(standIn(NativeNotLoaded.class)).describe()).isEqualTo("JDK");

        List<String> warnings = TestLog.since(mark).lines().filter(l -> l.contains("WARN")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("jwe: Amazon Corretto Crypto Provider is on the class path but cannot be"
                + " used (its native library did not load: UnsatisfiedLinkError); using the JDK's crypto providers");
    }

    @Test
    void autoWhenSelfTestFailsThenJdkWithWarning() {
        long mark = TestLog.mark();

        assertThat(CryptoProviderSelection.auto(standIn(SelfTestFails.class)).describe()).isEqualTo("JDK");

        assertThat(TestLog.since(mark)).contains("(its self-test answered FAILED); using the JDK's crypto providers");
    }

    @Test
    void autoWhenClassFailsToInitialiseThenJdkWithWarning() {
        long mark = TestLog.mark();

        assertThat(CryptoProviderSelection.auto(standIn(LoadedElsewhere.class)).describe()).isEqualTo("JDK");

        assertThat(TestLog.since(mark)).contains("(it failed to load: ExceptionInInitializerError); using the JDK's");
    }

    @Test
    void autoWhenNotOnClassPathThenJdkWithoutWarning() {
        long mark = TestLog.mark();

        assertThat(CryptoProviderSelection.auto("com.example.NoSuchProvider").describe()).isEqualTo("JDK");

        assertThat(TestLog.since(mark)).doesNotContain("WARN");
    }
}
