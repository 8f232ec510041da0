package dev.jwe.samples.demo;

import static dev.jwe.samples.SampleAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.jwe.core.JweSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.TestKeys;
import dev.jwe.samples.Http;
import dev.jwe.samples.KeyFiles;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /health} in Jetty, for configured key files plus a remote key set that is down:
 * key ids and status for anyone, where the keys live and the last error only when asked for.
 */
class HealthServletTest {
    @TempDir
    Path dir;

    private KeyFiles keys;
    private String downUrl;
    private JweTokenValidator validator;
    private Server server;

    @BeforeEach
    void setUp() throws Exception {
        keys = KeyFiles.create(dir);
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            downUrl = "http://127.0.0.1:" + closed.getLocalPort() + "/jwks.json"; // nothing listens there after this
        }
        validator = DemoConfig.from(JweSettings.of(Map.of(
                "jwe.decryption.keys", keys.decryptionKeyFile().toString(),
                "jwe.verification.keys", keys.verificationKeyFile() + "," + downUrl,
                "jwe.verification.fetch-at-start", "false",
                "jwe.issuer", "https://login.example.com", "jwe.audience", "orders-api")), TestKeys.CLOCK).validator();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private Http serve(String keysInUse, boolean details) throws Exception {
        server = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HealthServlet(validator, keysInUse, details)), "/health");
        server.setHandler(context);
        server.start();
        return new Http(URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()));
    }

    private JsonObject health(boolean details) throws Exception {
        Http http = serve("configured", details);
        // The remote key set is tried in the background: wait until its failure shows.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> r = http.get("/health");
            JsonObject body = json(r.body());
            if (body.toString().contains("lastFailure") || System.nanoTime() > deadline) {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/json"));
                return body;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void healthWhenDetailsNotAskedForThenKeyIdsAndStatusButNoPathUrlOrError() throws Exception {
        JsonObject health = health(false);

        assertThat(health.getString("status")).isEqualTo("DOWN");
        assertThat(health.getJsonArray("keySources").getValuesAs(JsonObject.class))
                .extracting(s -> s.getString("kind"), s -> s.getBoolean("usable"), s -> s.getJsonArray("keyIds").size())
                .containsExactly(tuple("file", true, 1),
                        tuple("file", true, 1),
                        tuple("remote", false, 0));
        assertThat(health.getJsonArray("keySources").getJsonObject(0).getJsonArray("keyIds").getString(0))
                .isEqualTo(keys.encryptionKeyId());
        assertThat(health.getJsonArray("keySources").getJsonObject(2).containsKey("lastFailure")).isTrue();
        assertThat(health.toString()).doesNotContain(dir.toString(), "enc.pem", "sig.pub.pem", downUrl, "127.0.0.1",
                "location", "lastError");
    }

    @Test
    void healthWhenDetailsAskedForThenLocationsAndLastErrorToo() throws Exception {
        JsonObject health = health(true);

        assertThat(health.getJsonArray("keySources").getValuesAs(JsonObject.class))
                .extracting(s -> s.getString("location")).containsExactly(keys.decryptionKeyFile().toString(),
                        keys.verificationKeyFile().toString(), downUrl);
        assertThat(health.getJsonArray("keySources").getJsonObject(2).getString("lastError"))
                .isEqualTo("ConnectException");
    }

    @Test
    void healthWhenDevelopmentKeysThenStaticKindAndNoLocation() throws Exception {
        validator = DemoConfig.from(JweSettings.of(Map.of()), TestKeys.CLOCK).validator();
        Http http = serve("development", false);

        HttpResponse<String> r = http.get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).getJsonArray("keySources").getValuesAs(JsonObject.class))
                .extracting(s -> s.getString("kind"), s -> s.getJsonArray("keyIds").getString(0))
                .containsExactly(tuple("static", DemoConfig.ENC_KID),
                        tuple("static", DemoConfig.SIG_KID));
        assertThat(r.body()).doesNotContain("location");
    }

    @Test
    void detailsWhenPropertyOrEnvironmentSetThenPropertyWinsAndOnlyTrueOrFalseAccepted() {
        assertThat(HealthServlet.details(null, null)).isFalse();
        assertThat(HealthServlet.details(null, "true")).isTrue();
        assertThat(HealthServlet.details(" TRUE ", null)).isTrue();
        assertThat(HealthServlet.details("false", "true")).isFalse();
        assertThat(HealthServlet.details("", "true")).isTrue();
        assertThatThrownBy(() -> HealthServlet.details(null, "yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demo.health.details (or DEMO_HEALTH_DETAILS) must be true or false");
    }
}
