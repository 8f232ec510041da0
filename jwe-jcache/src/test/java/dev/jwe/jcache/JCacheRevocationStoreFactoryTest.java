package dev.jwe.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.jwe.core.AuditListener;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.TestClock;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.VerifiedToken;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code jwe.revocation.store=jcache} through the settings, on one embedded Hazelcast member. */
class JCacheRevocationStoreFactoryTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);
    private static HazelcastMembers cluster;
    private static HazelcastInstance member;

    private final TestClock clock = new TestClock();

    @BeforeAll
    static void startMember() {
        cluster = new HazelcastMembers(1);
        member = cluster.start(0);
    }

    @AfterAll
    static void stopMember() {
        cluster.close();
    }

    private static Map<String, String> jcache() {
        Map<String, String> m = new HashMap<>();
        m.put("jwe.issuer", TestKeys.ISSUER);
        m.put("jwe.audience", TestKeys.AUDIENCE);
        m.put("jwe.revocation.store", "jcache");
        m.put("jwe.revocation.jcache.provider", HazelcastMembers.MEMBER_PROVIDER);
        m.put("jwe.revocation.jcache.properties", "hazelcast.instance.name=" + member.getName());
        return m;
    }

    private static void assertNamesSetting(Map<String, String> settings, String setting, String text) {
        assertThatThrownBy(() -> JweSettings.of(settings).buildRevocationStore(TestKeys.CLOCK))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.getMessage()).contains(text);
                });
    }

    @Test
    void buildRevocationStoreWhenProviderMissingThenStartupFailsNamingIt() {
        Map<String, String> m = jcache();
        m.remove("jwe.revocation.jcache.provider");
        assertNamesSetting(m, "jwe.revocation.jcache.provider", "required with jwe.revocation.store=jcache");
    }

    @Test
    void buildRevocationStoreWhenProviderClassUnknownThenStartupFailsNamingIt() {
        Map<String, String> m = jcache();
        m.put("jwe.revocation.jcache.provider", "com.example.NoSuchCachingProvider");
        assertNamesSetting(m, "jwe.revocation.jcache.provider", "com.example.NoSuchCachingProvider");
    }

    @Test
    void buildRevocationStoreWhenUriInvalidThenStartupFailsNamingIt() {
        Map<String, String> m = jcache();
        m.put("jwe.revocation.jcache.uri", "::not a uri");
        assertNamesSetting(m, "jwe.revocation.jcache.uri", "not a valid URI");
    }

    @Test
    void buildRevocationStoreWhenPropertiesMalformedThenStartupFailsNamingThem() {
        Map<String, String> m = jcache();
        m.put("jwe.revocation.jcache.properties", "hazelcast.instance.name");
        assertNamesSetting(m, "jwe.revocation.jcache.properties", "key=value");
    }

    @Test
    void buildRevocationStoreWhenMemoryOnlySettingGivenThenNamesIt() {
        Map<String, String> m = jcache();
        m.put("jwe.revocation.max-entries", "10");
        assertNamesSetting(m, "jwe.revocation.max-entries", "memory only");
    }

    @Test
    void buildRevocationStoreWhenSettingsNameTheMemberThenStoreSharesItsCaches() {
        Map<String, String> m = jcache();
        m.put("jwe.revocation.cache-name", "settings-shared");
        try (RevocationStore fromSettings = JweSettings.of(m).buildRevocationStore(clock)) {
            assertThat(fromSettings).isInstanceOf(JCacheRevocationStore.class);
            assertThat(fromSettings.describe()).startsWith("jcache(cache=settings-shared, provider=com.hazelcast.");
            fromSettings.revokeToken(TestKeys.ISSUER, "j-settings", TestKeys.NOW.plusSeconds(600));
        }
        // The store bound to the named member (no other Hazelcast instance was started), its
        // caches live there, and closing the store left them open for the next one.
        assertThat(Hazelcast.getAllHazelcastInstances()).containsExactly(member);
        assertThat(member.getDistributedObjects()).extracting(DistributedObject::getName)
                .anyMatch(name -> name.endsWith("settings-shared"))
                .anyMatch(name -> name.endsWith("settings-shared-used"));
        try (RevocationStore again = JweSettings.of(m).buildRevocationStore(clock)) {
            assertThat(again.isRevoked(TestKeys.ISSUER, "j-settings", null, null)).isTrue();
        }
    }

    @Test
    void buildValidatorWhenJcacheStoreConfiguredThenRevocationsTakeEffect() throws Exception {
        Map<String, String> m = jcache();
        m.put("jwe.revocation.cache-name", "settings-validator");
        m.put("jwe.replay.window", "PT15M");
        JweTokenValidator v = JweSettings.of(m).toValidatorBuilder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).clock(clock)
                .auditListener(AuditListener.NOOP).build();
        try (RevocationStore store = v.revocationStore()) {
            assertThat(store).isInstanceOf(JCacheRevocationStore.class);
            assertThat(v.describePolicy()).contains("revocation-store=jcache(cache=settings-validator");
            String token = TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build()
                    .issue(TestKeys.claims());
            VerifiedToken verified = v.validate(token);
            store.revoke(verified);
            assertThatThrownBy(() -> v.validate(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED));
        }
    }
}
