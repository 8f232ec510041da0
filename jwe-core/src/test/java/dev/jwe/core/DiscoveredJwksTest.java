package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Where issuer metadata is looked for, and what of it is refused. */
class DiscoveredJwksTest {

    @Test
    void metadataUrisWhenIssuerHasAPathThenOpenIdAppendsAndRfc8414InsertsBeforeThePath() {
        assertThat(DiscoveredJwks.metadataUris("https://sso.example/realms/main/")).containsExactly(
                URI.create("https://sso.example/realms/main/.well-known/openid-configuration"),
                URI.create("https://sso.example/.well-known/oauth-authorization-server/realms/main"));
    }

    @Test
    void metadataUrisWhenIssuerHasNoPathThenBothAtTheRoot() {
        assertThat(DiscoveredJwks.metadataUris("https://sso.example:8443")).containsExactly(
                URI.create("https://sso.example:8443/.well-known/openid-configuration"),
                URI.create("https://sso.example:8443/.well-known/oauth-authorization-server"));
    }

    @Test
    void buildWhenIssuerIsPlainHttpOffLoopbackThenRefusedNamingIt() {
        assertThatThrownBy(() -> KeySources.discovery("http://sso.example/realms/main").build())
                .isInstanceOf(KeySourceException.class)
                .hasMessage("Cannot discover the keys of issuer http://sso.example/realms/main: discovery needs an"
                        + " https issuer URL (plain http only to loopback)");
    }

    @Test
    void buildWhenMetadataNamesAPlainHttpKeySetOffLoopbackThenRefused() throws Exception {
        try (IssuerServer idp = new IssuerServer()) {
            String iss = idp.issuer("/realms/a");
            idp.document("/realms/a/.well-known/openid-configuration",
                    "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"http://keys.example/jwks\"}");

            assertThatThrownBy(() -> KeySources.discovery(iss).timeout(Duration.ofSeconds(1)).build())
                    .isInstanceOf(KeySourceException.class)
                    .hasMessage("The jwks_uri of issuer " + iss + " (http://keys.example/jwks) is not https (plain"
                            + " http only to loopback)");
        }
    }

    @Test
    void buildWhenOpenIdMetadataMissingThenRfc8414MetadataUsed() throws Exception {
        try (IssuerServer idp = new IssuerServer()) {
            String iss = idp.issuer("/tenants/b");
            idp.keys("/tenants/b", TestKeys.ec("b-1", "P-256")).authorizationServerMetadata("/tenants/b", iss);

            KeySource keys = KeySources.discovery(iss).timeout(Duration.ofSeconds(1)).build();

            assertThat(keys.keys().keyIds()).containsExactly("b-1");
            assertThat(keys.health().get(0).location()).isEqualTo(idp.jwksUrl("/tenants/b"));
        }
    }

    @Test
    void buildWhenMetadataHasNoJwksUriThenRefusedNamingTheIssuer() throws Exception {
        try (IssuerServer idp = new IssuerServer()) {
            String iss = idp.issuer("/realms/a");
            idp.document("/realms/a/.well-known/openid-configuration", "{\"issuer\":\"" + iss + "\"}");

            assertThatThrownBy(() -> KeySources.discovery(iss).timeout(Duration.ofSeconds(1)).build())
                    .isInstanceOf(KeySourceException.class).hasMessageContaining("of issuer " + iss + " has no jwks_uri");
        }
    }
}
