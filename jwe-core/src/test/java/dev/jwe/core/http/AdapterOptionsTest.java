package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The adapter settings, read once for the Servlet filter and the JAX-RS feature (moved from jwe-jaxrs OptionsTest). */
class AdapterOptionsTest {

    @Test
    void fromWhenNothingSetThenDefaults() {
        AdapterOptions o = AdapterOptions.from(JweSettings.of(Map.of()));
        assertThat(o).isEqualTo(new AdapterOptions("api", false, false, null, null));
    }

    @Test
    void fromWhenAllSetThenRead() {
        AdapterOptions o = AdapterOptions.from(JweSettings.of(Map.of("jwe.realm", "orders api", "jwe.anonymous", "TRUE",
                "jwe.allow-preflight", "true", "jwe.token-header", "X-Access-Token", "jwe.token-cookie", "at",
                "jwe.token-cookie.csrf-protected", "true")));
        assertThat(o).isEqualTo(new AdapterOptions("orders api", true, true, "X-Access-Token", "at", true));
    }

    @Test
    void fromWhenCookieSetWithoutCsrfDeclarationThenCookieNotCsrfProtected() {
        AdapterOptions o = AdapterOptions.from(JweSettings.of(Map.of("jwe.token-cookie", "at")));
        assertThat(o.cookieCsrfProtected()).isFalse();
    }

    @Test
    void fromWhenCsrfProtectedWithoutTokenCookieThenConfigurationExceptionNamesIt() {
        assertThatThrownBy(() -> AdapterOptions.from(JweSettings.of(Map.of("jwe.token-cookie.csrf-protected", "true"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("jwe.token-cookie.csrf-protected: only means something with jwe.token-cookie");
    }

    @Test
    void fromWhenNamesUseEveryTcharThenAccepted() {
        String tchars = "!#$%&'*+-.^_`|~09AZaz";
        AdapterOptions o = AdapterOptions.from(JweSettings.of(Map.of("jwe.token-header", tchars, "jwe.token-cookie", tchars)));
        assertThat(o.tokenHeader()).isEqualTo(tchars);
        assertThat(o.tokenCookie()).isEqualTo(tchars);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jwe.realm|a\"b",
        "jwe.realm|a\\b",
        "jwe.realm|caf\u00e9",
        "jwe.anonymous|yes",
        "jwe.allow-preflight|1",
        "jwe.token-cookie.csrf-protected|yes",
        "jwe.token-header|authorization",
        "jwe.token-header|X Token",
        "jwe.token-header|X:Token",
        "jwe.token-header|X-T\u00f6ken",
        "jwe.token-cookie|a;b",
        "jwe.token-cookie|a=b",
        "jwe.token-cookie|access token",
        "jwe.resource|orders-api",
        "jwe.resource|http://orders.example/api",
        "jwe.resource|http://10.0.0.1/api",
        "jwe.resource|ftp://orders.example/api",
        "jwe.resource|https://orders.example/api#part",
        "jwe.resource|https://user@orders.example/api",
        "jwe.resource|https:///api",
        "jwe.resource|https://orders example/api"})
    void fromWhenSettingInvalidThenConfigurationExceptionNamesIt(String setting, String value) {
        assertThatThrownBy(() -> AdapterOptions.from(JweSettings.of(Map.of(setting, value))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.getMessage()).startsWith(setting + ": ").doesNotContain(value);
                });
    }

    @Test
    void constructorWhenValuesInvalidThenSameChecksAsFrom() {
        assertThatThrownBy(() -> new AdapterOptions(null, false, false, null, null))
                .isInstanceOf(ConfigurationException.class).hasMessage("jwe.realm: must be set");
        assertThatThrownBy(() -> new AdapterOptions("api", false, false, "", null))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("jwe.token-header: ");
        assertThatThrownBy(() -> new AdapterOptions("api", false, false, null, "a,b"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("jwe.token-cookie: must be a cookie name (RFC 6265 token)");
    }

    @Test
    void fromWhenCookieNamedAuthorizationThenAccepted() {
        // Only the header name would clash with the Authorization header that is always read.
        assertThat(AdapterOptions.from(JweSettings.of(Map.of("jwe.token-cookie", "Authorization"))).tokenCookie())
                .isEqualTo("Authorization");
    }

    @Test
    void fromWhenResourceSetThenChallengesNameItsMetadataUrl() {
        AdapterOptions options = AdapterOptions.from(JweSettings.of(Map.of("jwe.resource", " https://orders.example/api ")));

        assertThat(options.resource().identifier()).isEqualTo("https://orders.example/api");
        assertThat(options.resourceMetadata())
                .isEqualTo("https://orders.example/.well-known/oauth-protected-resource/api");
        assertThat(AdapterOptions.from(JweSettings.of(Map.of())).resourceMetadata()).isNull();
    }
}
