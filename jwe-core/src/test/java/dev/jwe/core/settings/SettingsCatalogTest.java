package dev.jwe.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsCatalogTest {

    private static List<Setting<?>> constants(Class<?> type) throws IllegalAccessException {
        List<Setting<?>> out = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Setting.class) {
                out.add((Setting<?>) f.get(null));
            }
        }
        return out;
    }

    @Test
    void allWhenListedThenEveryConstantOnceOwnedByCore() throws Exception {
        assertThat(CoreSettings.ALL).containsExactlyInAnyOrderElementsOf(constants(CoreSettings.class))
                .allSatisfy(s -> assertThat(s.owner()).isEqualTo("jwe-core"));
        assertThat(AdapterSettings.ALL).containsExactlyInAnyOrderElementsOf(constants(AdapterSettings.class))
                .allSatisfy(s -> assertThat(s.owner()).isEqualTo("jwe-core"));
    }

    @Test
    void loadWhenNoModuleOnTheClassPathThenCoreAndAdapterSettingsInOrder() {
        List<Setting<?>> expected = new ArrayList<>(CoreSettings.ALL);
        expected.addAll(AdapterSettings.ALL);
        SettingsCatalog catalog = SettingsCatalog.load();

        assertThat(catalog.settings()).containsExactlyElementsOf(expected);
        assertThat(catalog.find("jwe.clock-skew")).containsSame(CoreSettings.CLOCK_SKEW);
        assertThat(catalog.find("jwe.revocation.jcache.uri")).isEmpty();
    }

    @Test
    void moduleDeclaringWhenKeyOfAnotherModuleThenNamesIt() {
        assertThat(SettingsCatalog.moduleDeclaring("jwe.revocation.jcache.uri")).contains("jwe-jcache");
        assertThat(SettingsCatalog.moduleDeclaring("jwe.exclude-paths")).contains("jwe-servlet");
        assertThat(SettingsCatalog.moduleDeclaring("jwe.issuer")).as("core's own").isEmpty();
        assertThat(SettingsCatalog.moduleDeclaring("jwe.nope")).isEmpty();
        assertThat(SettingsCatalog.keysDeclaredBy("jwe-servlet")).containsExactlyInAnyOrder("jwe.exclude-paths",
                "jwe.replay.paths", "jwe.resource.authorization-servers", "jwe.resource.scopes", "jwe.resource.jwks-uri");
    }

    @Test
    void moduleKeysWhenComparedWithCoreThenNoneIsCoresToo() {
        SettingsCatalog catalog = SettingsCatalog.load();
        for (String module : List.of("jwe-servlet", "jwe-jcache")) {
            assertThat(SettingsCatalog.keysDeclaredBy(module)).isNotEmpty()
                    .allSatisfy(name -> assertThat(catalog.find(name)).isEmpty());
        }
    }
}
