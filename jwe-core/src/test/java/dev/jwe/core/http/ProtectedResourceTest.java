package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The resource identifier {@code jwe.resource} and its metadata URL (RFC 9728 §1.2, §3.1). */
class ProtectedResourceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 9728 §3.1: the well-known suffix goes between host and path, a terminating slash goes.
        "https://resource.example.com|https://resource.example.com/.well-known/oauth-protected-resource",
        "https://resource.example.com/|https://resource.example.com/.well-known/oauth-protected-resource",
        "https://resource.example.com/resource1|https://resource.example.com/.well-known/oauth-protected-resource/resource1",
        "https://api.example:8443/orders/v1|https://api.example:8443/.well-known/oauth-protected-resource/orders/v1",
        "https://api.example/orders?tenant=a|https://api.example/.well-known/oauth-protected-resource/orders?tenant=a",
        "http://localhost:8080/api|http://localhost:8080/.well-known/oauth-protected-resource/api",
        "http://127.0.0.1:8080|http://127.0.0.1:8080/.well-known/oauth-protected-resource",
        "http://[::1]:8080/api|http://[::1]:8080/.well-known/oauth-protected-resource/api"})
    void metadataUrlWhenIdentifierThenWellKnownInsertedBetweenHostAndPath(String identifier, String metadata) {
        assertThat(new ProtectedResource(identifier).metadataUrl()).isEqualTo(metadata);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://orders.example", "http://192.168.1.1/api", "http://localhost.evil.example/",
        "urn:example:orders", "/api", "https://api.example/#f", "https://u:p@api.example/"})
    void constructorWhenNotHttpsOrLoopbackOrHasFragmentThenConfigurationExceptionNamesSettingNotValue(String value) {
        assertThatThrownBy(() -> new ProtectedResource(value))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo("jwe.resource");
                    assertThat(e.getMessage()).doesNotContain(value);
                });
    }

    @Test
    void fromWhenNotSetThenEmpty() {
        assertThat(ProtectedResource.from(JweSettings.of(Map.of()))).isEmpty();
        assertThat(ProtectedResource.from(JweSettings.of(Map.of("jwe.resource", "https://api.example/orders"))))
                .contains(new ProtectedResource("https://api.example/orders"));
    }

    @Test
    void metadataJsonWhenEverythingGivenThenRfc9728MembersInOrder() {
        String json = new ProtectedResource("https://api.example/orders").metadataJson(
                List.of("https://sso.example/realms/main"), "https://api.example/orders/.well-known/jwks.json",
                List.of("orders:read", "orders:write"));

        assertThat(json).isEqualTo("{\"resource\":\"https://api.example/orders\","
                + "\"authorization_servers\":[\"https://sso.example/realms/main\"],"
                + "\"jwks_uri\":\"https://api.example/orders/.well-known/jwks.json\","
                + "\"scopes_supported\":[\"orders:read\",\"orders:write\"],"
                + "\"bearer_methods_supported\":[\"header\"]}");
    }

    @Test
    void metadataJsonWhenOptionalMembersAbsentThenLeftOut() {
        assertThat(new ProtectedResource("https://api.example").metadataJson(List.of(), null, List.of()))
                .isEqualTo("{\"resource\":\"https://api.example\",\"bearer_methods_supported\":[\"header\"]}");
    }

    @Test
    void checkUrlWhenNotHttpsThenConfigurationExceptionNamesTheGivenSetting() {
        assertThatThrownBy(() -> ProtectedResource.checkUrl("jwe.resource.jwks-uri", "http://keys.example/jwks"))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.resource.jwks-uri"));
        assertThat(ProtectedResource.checkUrl("jwe.resource.jwks-uri", "https://keys.example/jwks"))
                .isEqualTo("https://keys.example/jwks");
    }
}
