package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.settings.Setting;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JweSettingsRevocationTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);

    private final TestClock clock = new TestClock();

    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("jwe.issuer", TestKeys.ISSUER);
        m.put("jwe.audience", TestKeys.AUDIENCE);
        return m;
    }

    private static void assertNamesSetting(Map<String, String> settings, String setting, String text) {
        assertThatThrownBy(() -> JweSettings.of(settings).buildRevocationStore(TestKeys.CLOCK))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.getMessage()).startsWith(setting + ": ").contains(text);
                });
    }

    private JweTokenValidator validator(Map<String, String> settings) {
        return JweSettings.of(settings).toValidatorBuilder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).clock(clock)
                .auditListener(AuditListener.NOOP).build();
    }

    private String token(Duration ttl) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build()
                .issue(TokenIssuer.claims(clock).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).subject("alice")
                        .expiresIn(ttl).build());
    }

    @Test
    void buildRevocationStoreWhenNothingSetThenMemoryWithDefaults() {
        try (RevocationStore store = JweSettings.of(base()).buildRevocationStore(clock)) {
            assertThat(store.describe()).isEqualTo("memory(max-entries=100000, retention=PT24H, replay-window=PT2H)");
        }
    }

    @Test
    void buildRevocationStoreWhenMemorySettingsGivenThenApplied() {
        Map<String, String> m = base();
        m.put("jwe.revocation.store", "memory");
        m.put("jwe.revocation.max-entries", "5");
        m.put("jwe.revocation.retention", "PT2H");
        m.put("jwe.replay.window", "PT1M");
        try (RevocationStore store = JweSettings.of(m).buildRevocationStore(clock)) {
            assertThat(store.describe()).isEqualTo("memory(max-entries=5, retention=PT2H, replay-window=PT1M)");
        }
    }

    @Test
    void buildRevocationStoreWhenJcacheModuleMissingThenStartupFailsNamingSettingAndModule() {
        Map<String, String> m = base();
        m.put("jwe.revocation.store", "jcache");
        assertNamesSetting(m, "jwe.revocation.store", "dev.jwe:jwe-jcache");
        assertThatThrownBy(() -> validator(m))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.revocation.store"));
        // The store's own settings are declared by jwe-jcache: without it they are unknown, and say whose they are.
        m.put("jwe.revocation.jcache.provider", "com.example.Provider");
        assertNamesSetting(m, "jwe.revocation.jcache.provider",
                "unknown setting (from settings; it belongs to jwe-jcache, which is not on the class path)");
    }

    @Test
    void buildRevocationStoreWhenUnknownStoreThenNamesSettingAndTheAvailableOnes() {
        Map<String, String> m = base();
        m.put("jwe.revocation.store", "redis");
        assertNamesSetting(m, "jwe.revocation.store", "available: [memory]");
    }

    @Test
    void buildRevocationStoreWhenSettingOfAnotherStoreKindThenNamesIt() {
        // The jcache settings with another store: JCacheSettingsTest (they are jwe-jcache's).
        Map<String, String> size = base();
        size.put("jwe.revocation.store", "jcache");
        size.put("jwe.revocation.max-entries", "10");
        assertNamesSetting(size, "jwe.revocation.max-entries", "memory only");
    }

    @Test
    void buildRevocationStoreWhenValuesBadThenNamesTheSetting() {
        Map<String, String> m = base();
        m.put("jwe.revocation.retention", "PT10S");
        assertNamesSetting(m, "jwe.revocation.retention", "between");
        m.put("jwe.revocation.retention", "one day");
        assertNamesSetting(m, "jwe.revocation.retention", "ISO-8601");
        Map<String, String> w = base();
        w.put("jwe.replay.window", "P30D");
        assertNamesSetting(w, "jwe.replay.window", "between");
        Map<String, String> n = base();
        n.put("jwe.revocation.max-entries", "lots");
        assertNamesSetting(n, "jwe.revocation.max-entries", "whole number");
        Map<String, String> b = base();
        b.put("jwe.replay.protect", "yes");
        assertThatThrownBy(() -> JweSettings.of(b).toValidatorBuilder())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.replay.protect"));
    }

    @Test
    void toValidatorBuilderWhenReplayProtectThenSecondUseRejectedOnTheFinalClock() throws Exception {
        Map<String, String> m = base();
        m.put("jwe.replay.protect", "true");
        m.put("jwe.replay.window", "PT2M");
        JweTokenValidator v = validator(m);
        String token = token(Duration.ofSeconds(60));
        v.validate(token);
        assertThatThrownBy(() -> v.validate(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.REPLAYED));
        assertThatThrownBy(() -> v.validate(token(Duration.ofMinutes(5)))).isInstanceOfSatisfying(
                TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIFETIME_TOO_LONG));
        // The store runs on the validator's clock (set after the settings): 6 minutes on, the use
        // has expired with the token, which the validator now rejects as expired, not replayed.
        clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> v.validate(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
        assertThat(v.describePolicy()).contains("replay-protection=every token")
                .contains("revocation-store=memory(max-entries=100000, retention=PT24H, replay-window=PT2M)");
    }

    @Test
    void toValidatorBuilderWhenFailureModesSetThenInThePolicy() {
        Map<String, String> m = base();
        m.put("jwe.revocation.fail-open", "false");
        m.put("jwe.replay.fail-open", "true");
        assertThat(validator(m).describePolicy()).contains("revocation-fail-open=false")
                .contains("replay-fail-open=true").contains("replay-protection=per call");
    }

    @Test
    void knownSettingsWhenListedThenEveryRevocationSettingIsDocumented() {
        // jwe.revocation.jcache.* and jwe.revocation.cache-name are jwe-jcache's (see JCacheSettingsTest).
        assertThat(JweSettings.knownSettings()).extracting(Setting::name).contains(
                "jwe.revocation.store", "jwe.revocation.max-entries", "jwe.revocation.retention",
                "jwe.revocation.fail-open", "jwe.replay.protect", "jwe.replay.window", "jwe.replay.fail-open");
    }
}
