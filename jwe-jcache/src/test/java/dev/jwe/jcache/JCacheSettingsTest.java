package dev.jwe.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.TestKeys;
import dev.jwe.core.settings.ReadmeSettingsTable;
import dev.jwe.core.settings.Setting;
import dev.jwe.core.settings.SettingsCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings jwe-jcache declares: found by core, documented, and only with the jcache store. */
class JCacheSettingsTest {
    private final List<Setting<?>> declared = new JCacheSettings().settings();

    private static void assertNamesSetting(Map<String, String> settings, String setting, String text) {
        assertThatThrownBy(() -> JweSettings.of(settings).buildRevocationStore(TestKeys.CLOCK))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.getMessage()).startsWith(setting + ": ").contains(text);
                });
    }

    @Test
    void settingsWhenModuleOnTheClassPathThenKnownToJweSettingsWithDefaults() {
        assertThat(JweSettings.knownSettings()).containsAll(declared);
        assertThat(declared).allSatisfy(s -> assertThat(s.owner()).isEqualTo("jwe-jcache"));
        JweSettings s = JweSettings.of(Map.of("jwe.revocation.store", "jcache"));
        assertThat(s.get(JCacheSettings.CACHE_NAME)).isEqualTo(JCacheRevocationStore.DEFAULT_CACHE_NAME);
        assertThat(s.get(JCacheSettings.PROPERTIES)).isEmpty();
        assertThat(s.get(JCacheSettings.PROVIDER)).isNull();
    }

    @Test
    void settingsWhenComparedWithCoreThenCoreNamesThisModuleForEachAndNoOther() {
        assertThat(declared).extracting(Setting::name)
                .containsExactlyInAnyOrderElementsOf(SettingsCatalog.keysDeclaredBy("jwe-jcache"));
    }

    @Test
    void readmeWhenReadThenEveryJcacheSettingIsInTheTable() {
        ReadmeSettingsTable.assertDocumented(declared);
    }

    @Test
    void propertiesWhenDescribedThenMasked() {
        assertThat(JCacheSettings.PROPERTIES.isSecret()).isTrue();
        JweSettings s = JweSettings.of(Map.of("jwe.revocation.store", "jcache",
                "jwe.revocation.jcache.properties", "hazelcast.client.password=hunter2"));
        assertThat(s.describe()).contains("jwe.revocation.jcache.properties=******").doesNotContain("hunter2");
    }

    /** Moved from core's JweSettingsRevocationTest: without jwe-jcache these keys are unknown there. */
    @Test
    void buildRevocationStoreWhenSettingOfAnotherStoreKindThenNamesIt() {
        Map<String, String> m = new HashMap<>();
        m.put("jwe.revocation.jcache.provider", "com.hazelcast.cache.HazelcastMemberCachingProvider");
        assertNamesSetting(m, "jwe.revocation.jcache.provider", "jwe.revocation.store=jcache");
        Map<String, String> name = new HashMap<>();
        name.put("jwe.revocation.cache-name", "x");
        assertNamesSetting(name, "jwe.revocation.cache-name", "jcache only");
        for (Setting<?> s : declared) {
            assertNamesSetting(Map.of("jwe.revocation.store", "memory", s.name(), "x=y"), s.name(),
                    "applies to jwe.revocation.store=jcache only");
        }
    }
}
