package dev.jwe.samples.demo;

import static dev.jwe.samples.SampleAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.samples.Http;
import dev.jwe.samples.KeyFiles;
import dev.jwe.samples.SampleAssertions;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo run against "the user's own" keys and issuer, given as environment variables
 * ({@code JWE_DECRYPTION_KEYS}, {@code JWE_VERIFICATION_KEYS}, {@code JWE_ISSUER},
 * {@code JWE_AUDIENCE}, {@code JWE_RESOURCE}): no development keys, no {@code /dev/token}, tokens
 * from that issuer work through the printed curl lines, and the RFC 9728 metadata is served and
 * named in every challenge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoConfiguredKeysIT {
    private static final String ISSUER = "https://login.example.com";
    private static final String AUDIENCE = "orders-api";
    private static final String RESOURCE = "https://orders.example.com";

    private Path dir;
    private KeyFiles keys;
    private DemoProcess demo;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        Bash.requireCurl();
        dir = Files.createTempDirectory("jwe-demo-it");
        keys = KeyFiles.create(dir);
        demo = DemoProcess.start(Map.of("JWE_DECRYPTION_KEYS", keys.decryptionKeyFile().toString(),
                "JWE_VERIFICATION_KEYS", keys.verificationKeyFile().toString(),
                "JWE_ISSUER", ISSUER, "JWE_AUDIENCE", AUDIENCE, "JWE_RESOURCE", RESOURCE));
        http = new Http(demo.base());
    }

    @AfterAll
    void stop() throws Exception {
        if (demo != null) {
            demo.close();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Test
    void startWhenKeysConfiguredThenNoDevelopmentKeysAndSettingsShownWithOrigin() {
        assertThat(demo.console()).doesNotContain("DEVELOPMENT KEYS").contains("Keys: yours",
                "jwe.issuer=" + ISSUER + " (environment)", "issuer=[" + ISSUER + "]", "audience=[" + AUDIENCE + "]",
                "decryption-keys=[" + keys.encryptionKeyId() + "]");
        assertThat(demo.printedCommands()).noneMatch(c -> c.contains("/dev/token"));
    }

    @Test
    void devTokenWhenKeysConfiguredThen404() throws Exception {
        HttpResponse<String> r = http.send("POST", "/dev/token", "sub=alice", "Content-Type",
                "application/x-www-form-urlencoded");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r.body()).getString("detail")).startsWith("POST /dev/token is off");
    }

    @Test
    void printedCurlLinesWhenTokenFromConfiguredIssuerThenWhoamiOrdersAdminAndNoTokenAnswerAsAdvertised()
            throws Exception {
        String token = keys.mint(Clock.systemUTC(), ISSUER, AUDIENCE, "erin", List.of("user"), List.of("orders:read"));
        int mark = demo.mark();

        List<Bash.Result> results = Bash.run(demo.printedCommands(), Map.of("TOKEN", token), "");

        assertThat(results.stream().filter(r -> r.command().startsWith("curl -i"))
                .map(r -> r.command().replaceFirst(".*" + Pattern.quote(demo.base().toString()), "").split(" ")[0] + " " + r.status()))
                .containsExactly("/api/whoami 200", "/api/orders 200", "/api/admin 403", "/servlet/whoami 200",
                        "/api/whoami 401");
        JsonObject me = json(results.get(0).body());
        assertThat(me.getString("principal")).isEqualTo("erin");
        assertThat(me.getString("issuer")).isEqualTo(ISSUER);
        SampleAssertions.assertPublicEncryptionKeyOnly(results.get(5).output(), keys.encryptionKeyId());
        JsonObject health = json(results.get(6).output());
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getString("keys")).isEqualTo("configured");
        assertThat(health.getJsonArray("keySources").getValuesAs(JsonObject.class)).hasSize(2)
                .allSatisfy(s -> assertThat(s.containsKey("lastSuccess")).isTrue())
                .extracting(s -> s.getString("kind")).containsExactly("file", "file");
        assertThat(health.getJsonArray("keySources").getJsonObject(0).getJsonArray("keyIds").getString(0))
                .isEqualTo(keys.encryptionKeyId());
        // Anyone can read /health: no key material, and not where the key files are.
        assertThat(health.toString()).doesNotContain("PRIVATE", "\"d\"", dir.toString(), "enc.pem", "location");

        List<String> audit = demo.awaitLines(mark, l -> l.contains(DemoAssertions.AUDIT), 6);
        assertThat(DemoAssertions.auditEvents(audit).stream().map(DemoAssertions::summary).toList())
                .containsExactly("/api/whoami accepted erin", "/api/orders accepted erin", "/api/admin accepted erin",
                        "/api/admin rejected INSUFFICIENT_SCOPE", "/servlet/whoami accepted erin",
                        "/api/whoami rejected MISSING_TOKEN");
        assertThat(demo.console()).doesNotContain(token);
    }

    @Test
    void healthWhenDetailsAskedForInTheEnvironmentThenKeyFileLocationsShown() throws Exception {
        try (DemoProcess detailed = DemoProcess.start(Map.of("JWE_DECRYPTION_KEYS", keys.decryptionKeyFile().toString(),
                "JWE_VERIFICATION_KEYS", keys.verificationKeyFile().toString(), "JWE_ISSUER", ISSUER,
                "JWE_AUDIENCE", AUDIENCE, HealthServlet.DETAILS_ENVIRONMENT, "true"))) {
            HttpResponse<String> r = new Http(detailed.base()).get("/health");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r.body()).getJsonArray("keySources").getValuesAs(JsonObject.class))
                    .extracting(s -> s.getString("location"))
                    .containsExactly(keys.decryptionKeyFile().toString(), keys.verificationKeyFile().toString());
        }
    }

    @Test
    void whoamiWhenTokenFromAnotherIssuerThen401InvalidToken() throws Exception {
        String token = keys.mint(Clock.systemUTC(), "https://evil.example", AUDIENCE, "mallory", List.of("admin"), List.of());

        HttpResponse<String> r = http.get("/api/admin", "Authorization", "Bearer " + token);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("error=\"invalid_token\""));
        assertThat(json(r.body()).getString("reason")).isEqualTo("INVALID_ISSUER");
    }

    @Test
    void wellKnownWhenResourceConfiguredThenRfc9728MetadataServedAndNamedInEveryAdaptersChallenge() throws Exception {
        HttpResponse<String> r = http.get("/.well-known/oauth-protected-resource");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "application/json"));
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
        JsonObject metadata = json(r.body());
        assertThat(metadata.getString("resource")).isEqualTo(RESOURCE);
        assertThat(metadata.getJsonArray("authorization_servers").getString(0)).isEqualTo(ISSUER);
        assertThat(metadata.getString("jwks_uri")).isEqualTo(RESOURCE + "/.well-known/jwks.json");
        assertThat(metadata.getJsonArray("bearer_methods_supported").getString(0)).isEqualTo("header");

        // The demo allows DPoP: both challenges (RFC 9449 §7.1), each naming the metadata (RFC 9728 §5.1).
        String metadataParam = "resource_metadata=\"" + RESOURCE + "/.well-known/oauth-protected-resource\"";
        String challenge = "Bearer realm=\"api\", " + metadataParam + ", DPoP algs=\"ES256 PS256 RS256 EdDSA\", "
                + metadataParam;
        for (String path : List.of("/api/whoami", "/servlet/whoami")) {
            HttpResponse<String> noToken = http.get(path);
            assertThat(noToken.statusCode()).as(path).isEqualTo(401);
            assertThat(noToken.headers().allValues("WWW-Authenticate")).as(path).containsExactly(challenge);
        }
    }
}
