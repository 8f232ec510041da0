package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class JweSpringSettingsTest {

    /** An environment with exactly these sources, highest precedence first. */
    private static StandardEnvironment environment(PropertySource<?>... sources) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        for (PropertySource<?> s : sources) {
            env.getPropertySources().addLast(s);
        }
        return env;
    }

    private static MapPropertySource props(String name, Map<String, Object> values) {
        return new MapPropertySource(name, values);
    }

    @Test
    void fromWhenCanonicalNamesThenBound() {
        JweSettings s = JweSpringSettings.from(environment(props("app", Map.of("jwe.issuer", "https://a",
                "jwe.roles-claim", "realm_access.roles", "unrelated.key", "x"))));

        assertThat(s.get("jwe.issuer")).hasValue("https://a");
        assertThat(s.get("jwe.roles-claim")).hasValue("realm_access.roles");
    }

    @Test
    void fromWhenRelaxedNamesThenBoundToTheSetting() {
        JweSettings s = JweSpringSettings.from(environment(props("app", Map.of("jwe.rolesClaim", "roles",
                "jwe.scope_claim", "scp", "JWE.PRINCIPAL-CLAIM", "email"))));

        assertThat(s.get("jwe.roles-claim")).hasValue("roles");
        assertThat(s.get("jwe.scope-claim")).hasValue("scp");
        assertThat(s.get("jwe.principal-claim")).hasValue("email");
    }

    @Test
    void fromWhenYamlListThenJoinedInIndexOrder() {
        JweSettings s = JweSpringSettings.from(environment(props("application.yml", Map.of(
                "jwe.audience[1]", "b", "jwe.audience[0]", "a", "jwe.audience[10]", "c"))));

        assertThat(s.getList("jwe.audience")).containsExactly("a", "b", "c");
    }

    @Test
    void fromWhenSetInTwoSourcesThenTheHigherWins() {
        JweSettings s = JweSpringSettings.from(environment(props("command line", Map.of("jwe.issuer", "https://cli")),
                props("application.properties", Map.of("jwe.issuer", "https://file", "jwe.audience", "api"))));

        assertThat(s.get("jwe.issuer")).hasValue("https://cli");
        assertThat(s.get("jwe.audience")).hasValue("api");
    }

    @Test
    void fromWhenEnvironmentVariableThenBoundByItsName() {
        JweSettings s = JweSpringSettings.from(environment(
                new SystemEnvironmentPropertySource("systemEnvironment", Map.of("JWE_ROLES_CLAIM", "groups2",
                        "JWE_DECRYPTION_KEYS", "/keys/enc.jwks.json")),
                props("application.properties", Map.of("jwe.roles-claim", "ignored"))));

        assertThat(s.get("jwe.roles-claim")).hasValue("groups2");
        assertThat(s.get("jwe.decryption.keys")).hasValue("/keys/enc.jwks.json");
    }

    @Test
    void fromWhenPlaceholderThenResolved() {
        JweSettings s = JweSpringSettings.from(environment(props("app", Map.of("jwe.issuer", "${idp.base}/realms/a",
                "idp.base", "https://idp"))));

        assertThat(s.get("jwe.issuer")).hasValue("https://idp/realms/a");
    }

    @Test
    void fromWhenPlaceholderUnresolvableThenFailsNamingSettingNotValue() {
        assertThatThrownBy(() -> JweSpringSettings.from(environment(props("app",
                Map.of("jwe.decryption.keystore-password", "s3cret${missing}")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.decryption.keystore-password:")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void fromWhenUnknownKeyThenFailsNamingKeyAndSource() {
        assertThatThrownBy(() -> JweSpringSettings.from(environment(props("application-prod.yml",
                Map.of("jwe.audiance", "api")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwe.audiance")
                .hasMessageContaining("application-prod.yml");
    }

    @Test
    void fromWhenServletOnlySettingThenFailsSayingWhatToUse() {
        assertThatThrownBy(() -> JweSpringSettings.from(environment(props("app",
                Map.of("jwe.exclude-paths", "/health")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.exclude-paths:")
                .hasMessageContaining("permitAll");
    }

    @Test
    void fromWhenResourceSetThenFailsPointingAtSpringSecuritysOwnResourceMetadata() {
        // Spring Security 7's entry point adds resource_metadata itself: ours would double it.
        assertThatThrownBy(() -> JweSpringSettings.from(environment(props("app",
                Map.of("jwe.resource", "https://orders.example")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.resource:")
                .hasMessageContaining("protectedResourceMetadata");
    }

    @Test
    void anyPresentWhenOnlyOtherPropertiesThenFalse() {
        assertThat(JweSpringSettings.anyPresent(environment(props("app", Map.of("jwex.a", "1", "server.port", "0")))))
                .isFalse();
        assertThat(JweSpringSettings.anyPresent(environment(props("app", Map.of("jwe.issuer", "x"))))).isTrue();
        assertThat(JweSpringSettings.anyPresent(environment(new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("JWE_ISSUER", "x"))))).isTrue();
    }
}
