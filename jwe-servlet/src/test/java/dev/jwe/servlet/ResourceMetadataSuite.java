package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 9728 from a real web.xml ({@code resource-metadata-web.xml}): {@code jwe.resource} as a
 * context-param makes {@link ProtectedResourceMetadataServlet} serve the metadata document and the
 * filter name it in every challenge; the JWKS servlet publishes the key with the first algorithm
 * of the configured allow-list.
 */
abstract class ResourceMetadataSuite {
    private static final String METADATA_URL = "https://orders.example/.well-known/oauth-protected-resource/app";

    /** The container under test. */
    abstract ServletContainer container();

    @Test
    void metadataWhenResourceConfiguredThenRfc9728DocumentAsJsonWithCacheControl(@TempDir Path dir) throws Exception {
        TestApp app = new TestApp(dir, Clock.systemUTC());
        ServletContainer.Running server = container().start(app.webXml(dir, "resource-metadata-web.xml"),
                dir.resolve("work"));
        try {
            Http.Reply r = new Http(server.base()).get("/.well-known/oauth-protected-resource");

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.header("Cache-Control")).contains("public, max-age=3600");
            assertThat(r.body()).isEqualTo("{\"resource\":\"https://orders.example/app\","
                    + "\"authorization_servers\":[\"https://issuer.test\"],"
                    + "\"jwks_uri\":\"https://orders.example/app/jwks.json\","
                    + "\"scopes_supported\":[\"orders:read\",\"orders:write\"],"
                    + "\"bearer_methods_supported\":[\"header\"]}");
        } finally {
            server.stop();
        }
    }

    @Test
    void filterWhenResourceConfiguredThenChallengesNameTheMetadataUrlAndJwksCarriesConfiguredAlg(@TempDir Path dir)
            throws Exception {
        TestApp app = new TestApp(dir, Clock.systemUTC());
        ServletContainer.Running server = container().start(app.webXml(dir, "resource-metadata-web.xml"),
                dir.resolve("work"));
        try {
            Http http = new Http(server.base());
            Http.Reply none = http.get("/api/orders");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).contains("Bearer realm=\"orders\", resource_metadata=\""
                    + METADATA_URL + "\"");
            Http.Reply expired = http.get("/api/orders", "Authorization", "Bearer " + app.expiredToken());
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.challenge()).containsEntry("error", "invalid_token")
                    .containsEntry("resource_metadata", METADATA_URL);

            KeySet published = KeySource.load(http.get("/jwks.json").body(), null).keys();
            assertThat(published.all()).singleElement().satisfies(k -> {
                assertThat(k.algorithm()).contains("RSA-OAEP");
                assertThat(k.use()).contains("enc");
            });
            assertThat(KeycloakStyleSelector.select(http.get("/jwks.json").body(), "RSA-OAEP")).isPresent();
            assertThat(published.keyIds()).containsExactly(app.keys().decryption().kid().orElseThrow());
        } finally {
            server.stop();
        }
    }
}
