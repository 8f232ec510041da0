package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code jwe.issuers} and its per-issuer keys are read, and refused, from every kind of source. */
class JweSettingsIssuersTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    private static Map<String, String> twoIssuers() {
        Map<String, String> s = new HashMap<>();
        s.put("jwe.decryption.keys", TestTokens.privateJwks(ENC));
        s.put("jwe.audience", "orders-api");
        s.put("jwe.issuers", "kc,partner");
        s.put("jwe.issuers.kc.issuer", "https://sso.example/realms/main");
        s.put("jwe.issuers.kc.verification.keys", KeySet.of(java.util.List.of(SIG)).toPublicJwks("sig"));
        s.put("jwe.issuers.partner.issuer", "https://login.partner.example");
        s.put("jwe.issuers.partner.verification.keys", KeySet.of(java.util.List.of(SIG)).toPublicJwks("sig"));
        return s;
    }

    @Test
    void buildWhenIssuerAndIssuersTogetherThenRefusedNamingBoth() {
        Map<String, String> s = twoIssuers();
        s.put("jwe.issuer", "https://sso.example/realms/main");

        assertThatThrownBy(() -> JweSettings.of(s).buildValidator()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers: set together with jwe.issuer; choose one");
    }

    @Test
    void buildWhenIssuersAndGlobalVerificationKeysThenRefusedNamingTheSetting() {
        Map<String, String> s = twoIssuers();
        s.put("jwe.verification.keys", KeySet.of(java.util.List.of(SIG)).toPublicJwks("sig"));

        assertThatThrownBy(() -> JweSettings.of(s).buildValidator()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.verification.keys: not used with jwe.issuers");
    }

    @Test
    void ofWhenTypoUnderAListedNameThenRefusedNamingTheFullKey() {
        Map<String, String> s = twoIssuers();
        s.put("jwe.issuers.kc.audiences", "orders-api");

        assertThatThrownBy(() -> JweSettings.of(s)).isInstanceOf(ConfigurationException.class)
                .hasMessage("jwe.issuers.kc.audiences: unknown setting (from settings)");
    }

    @Test
    void ofWhenKeyUnderANameNotListedThenRefusedNamingTheKeyAndTheList() {
        Map<String, String> s = twoIssuers();
        s.put("jwe.issuers.partnr.issuer", "https://login.partner.example");

        assertThatThrownBy(() -> JweSettings.of(s)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers.partnr.issuer: unknown setting")
                .hasMessageContaining("'partnr' is not an issuer named in jwe.issuers=kc,partner");
    }

    @Test
    void ofWhenPerIssuerKeyWithoutIssuersThenRefused() {
        assertThatThrownBy(() -> JweSettings.of(Map.of("jwe.issuers.kc.issuer", "https://sso.example")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'kc' is not an issuer named in jwe.issuers (not set)");
    }

    @Test
    void buildWhenTypoInEnvironmentVariableUnderAListedNameThenRefusedNamingTheVariable() {
        Map<String, String> env = Map.of("JWE_ISSUERS", "kc", "JWE_ISSUERS_KC_ISSUER", "https://sso.example",
                "JWE_ISSUERS_KC_AUDIENCES", "orders-api");

        assertThatThrownBy(() -> JweSettings.builder().addEnvironment(env).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("JWE_ISSUERS_KC_AUDIENCES: unknown setting (from environment)");
    }

    @Test
    void buildWhenNamesFromOneSourceAndIssuerSettingsFromAnotherThenFirstSourceWinsPerKey() {
        Map<String, String> env = Map.of("JWE_ISSUERS_KC_ISSUER", "https://from-env.example",
                "JWE_ISSUERS_KC_ROLES_CLAIM", "realm_access.roles");
        JweSettings settings = JweSettings.builder()
                .add("init-param", Map.of("jwe.issuers", "kc", "jwe.issuers.kc.issuer", "https://from-init.example"))
                .addEnvironment(env).build();

        assertThat(settings.get("jwe.issuers.kc.issuer")).contains("https://from-init.example");
        assertThat(settings.get("jwe.issuers.kc.roles-claim")).contains("realm_access.roles");
        assertThat(settings.describe()).contains("jwe.issuers.kc.issuer=https://from-init.example (init-param)",
                "jwe.issuers.kc.roles-claim=realm_access.roles (environment)");
    }

    @Test
    void buildWhenIssuerNameMalformedOrTwiceThenRefusedNamingTheList() {
        assertThatThrownBy(() -> JweSettings.of(Map.of("jwe.issuers", "KC"))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers: 'KC' is not a valid issuer name");
        assertThatThrownBy(() -> JweSettings.of(Map.of("jwe.issuers", "kc,kc")))
                .isInstanceOf(ConfigurationException.class).hasMessage("jwe.issuers: names 'kc' twice");
    }

    @Test
    void buildWhenListedIssuerHasNoIssSettingThenRefusedNamingIt() {
        Map<String, String> s = twoIssuers();
        s.remove("jwe.issuers.partner.issuer");

        assertThatThrownBy(() -> JweSettings.of(s).buildValidator()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers.partner.issuer: required");
    }

    @Test
    void buildWhenTwoNamesHaveTheSameIssThenRefusedNamingTheSecond() {
        Map<String, String> s = twoIssuers();
        s.put("jwe.issuers.partner.issuer", "https://sso.example/realms/main");

        assertThatThrownBy(() -> JweSettings.of(s).buildValidator()).isInstanceOf(ConfigurationException.class)
                .hasMessage("jwe.issuers.partner.issuer: issuer https://sso.example/realms/main is configured twice");
    }

    @Test
    void buildWhenNoAudienceForAnIssuerThenRefusedNamingItsSetting() {
        Map<String, String> s = twoIssuers();
        s.remove("jwe.audience");
        s.put("jwe.issuers.kc.audience", "orders-api");

        assertThatThrownBy(() -> JweSettings.of(s).buildValidator()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers.partner.audience: required");
    }

    @Test
    void buildWhenIssuersWithIgnoreIssuerThenRefused() {
        Map<String, String> s = twoIssuers();
        s.put("jwe.ignore-issuer", "true");

        assertThatThrownBy(() -> JweSettings.of(s).buildValidator()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.ignore-issuer: set together with jwe.issuers");
    }

    @Test
    void describePolicyWhenTwoIssuersThenEachIssuerWithItsKeysAndMapping() {
        Map<String, String> s = twoIssuers();
        s.put("jwe.issuers.partner.scope-claim", "scope,scp");

        assertThat(JweSettings.of(s).buildValidator().describePolicy())
                .contains("issuer https://sso.example/realms/main (jwe.issuers.kc.verification.keys): verification-keys=[sig-1]")
                .contains("issuer https://login.partner.example (jwe.issuers.partner.verification.keys)")
                .contains("scope-claim=scope,scp");
    }
}
