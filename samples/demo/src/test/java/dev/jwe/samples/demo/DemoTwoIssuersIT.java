package dev.jwe.samples.demo;

import static dev.jwe.samples.SampleAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.IssuerServer;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.samples.Http;
import dev.jwe.samples.KeyFiles;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo with two issuers configured as a container would be ({@code JWE_ISSUERS=kc,partner} and
 * {@code JWE_ISSUERS_<NAME>_*} environment variables), their keys discovered from a loopback
 * identity provider (OpenID Connect metadata for {@code kc}, RFC 8414 metadata for {@code partner}):
 * each issuer's tokens work over HTTP with its own claim mapping, a token claiming one issuer but
 * signed by the other's key is a 401, and a discovery document naming another issuer stops the
 * demo at start-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoTwoIssuersIT {
    private static final KeyEntry SIG_KC = TestKeys.ec("kc-1", "P-256");
    private static final KeyEntry SIG_PARTNER = TestKeys.ec("partner-1", "P-256");

    private Path dir;
    private KeyFiles keys;
    private KeyEntry encryption;
    private IssuerServer idp;
    private String kc;
    private String partner;
    private DemoProcess demo;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwe-demo-issuers-it");
        keys = KeyFiles.create(dir);
        encryption = TestKeys.publicOnly(KeySource.load(keys.decryptionKeyFile().toString(), null).keys().all().get(0));
        idp = new IssuerServer();
        kc = idp.issuer("/realms/main");
        partner = idp.issuer("/partner");
        idp.keys("/realms/main", SIG_KC).openIdConfiguration("/realms/main", kc);
        idp.keys("/partner", SIG_PARTNER).authorizationServerMetadata("/partner", partner);
        demo = DemoProcess.start(environment());
        http = new Http(demo.base());
    }

    /** The two issuers as a user writes them for a container. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("JWE_DECRYPTION_KEYS", keys.decryptionKeyFile().toString());
        env.put("JWE_ISSUERS", "kc,partner");
        env.put("JWE_ISSUERS_KC_ISSUER", kc);
        env.put("JWE_ISSUERS_KC_AUDIENCE", "orders-api");
        env.put("JWE_ISSUERS_KC_PRINCIPAL_CLAIM", "preferred_username,sub");
        env.put("JWE_ISSUERS_KC_ROLES_CLAIM", "realm_access.roles,resource_access.orders-api.roles");
        env.put("JWE_ISSUERS_PARTNER_ISSUER", partner);
        env.put("JWE_ISSUERS_PARTNER_AUDIENCE", "partner-api");
        env.put("JWE_ISSUERS_PARTNER_SCOPE_CLAIM", "scope,scp");
        return env;
    }

    @AfterAll
    void stop() throws Exception {
        if (demo != null) {
            demo.close();
        }
        if (idp != null) {
            idp.close();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private String token(KeyEntry signer, Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(encryption).signingKey(signer).build().issue(claims);
    }

    private Map<String, Object> kcClaims() {
        return TokenIssuer.claims(Clock.systemUTC()).issuer(kc).audience("orders-api").subject("4f1c-uuid")
                .claim("preferred_username", "alice")
                .claim("realm_access", Map.of("roles", List.of("user")))
                .claim("resource_access", Map.of("orders-api", Map.of("roles", List.of("admin"))))
                .expiresIn(Duration.ofMinutes(10)).build();
    }

    private Map<String, Object> partnerClaims() {
        return TokenIssuer.claims(Clock.systemUTC()).issuer(partner).audience("partner-api").subject("partner-svc")
                .claim("scp", "orders:read").expiresIn(Duration.ofMinutes(10)).build();
    }

    @Test
    void whoamiWhenEachIssuersTokenThen200WithThatIssuersClaimMapping() throws Exception {
        HttpResponse<String> a = http.get("/api/whoami", "Authorization", "Bearer " + token(SIG_KC, kcClaims()));
        HttpResponse<String> b = http.get("/api/whoami", "Authorization",
                "Bearer " + token(SIG_PARTNER, partnerClaims()));

        assertThat(a.statusCode()).isEqualTo(200);
        JsonObject me = json(a.body());
        assertThat(me.getString("principal")).isEqualTo("alice");
        assertThat(me.getString("issuer")).isEqualTo(kc);
        assertThat(me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("admin", "user");
        assertThat(b.statusCode()).isEqualTo(200);
        assertThat(json(b.body()).getString("principal")).isEqualTo("partner-svc");
        assertThat(json(b.body()).getJsonArray("scopes").getString(0)).isEqualTo("orders:read");
    }

    @Test
    void whoamiWhenIssuerIsKcButSignedWithPartnersKeyThen401NamingTheReason() throws Exception {
        HttpResponse<String> r = http.get("/api/whoami", "Authorization", "Bearer " + token(SIG_PARTNER, kcClaims()));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("error=\"invalid_token\""));
        assertThat(json(r.body()).getString("reason")).isEqualTo("UNKNOWN_KEY");
    }

    @Test
    void whoamiWhenIssuerNotConfiguredThen401InvalidIssuer() throws Exception {
        Map<String, Object> claims = kcClaims();
        claims.put("iss", "https://evil.example");

        HttpResponse<String> r = http.get("/api/whoami", "Authorization", "Bearer " + token(SIG_KC, claims));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r.body()).getString("reason")).isEqualTo("INVALID_ISSUER");
    }

    @Test
    void healthWhenTwoIssuersThenEachIssuersRemoteKeySetShown() throws Exception {
        HttpResponse<String> r = http.get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).getJsonArray("keySources").getValuesAs(JsonObject.class))
                .extracting(s -> s.getString("kind")).containsExactly("file", "remote", "remote");
    }

    @Test
    void startWhenDiscoveredIssuerDiffersThenDemoExitsNamingTheSettingAndIssuer() throws Exception {
        try (IssuerServer other = new IssuerServer()) {
            String iss = other.issuer("/realms/main");
            other.keys("/realms/main", SIG_KC).openIdConfiguration("/realms/main", "https://sso.example/realms/main");
            Map<String, String> env = environment();
            env.put("JWE_ISSUERS_KC_ISSUER", iss);

            assertThatThrownBy(() -> DemoProcess.start(env)).hasMessageContaining("ended with exit code 1")
                    .hasMessageContaining("configuration error: jwe.issuers.kc.issuer: The metadata at " + iss
                            + "/.well-known/openid-configuration names issuer 'https://sso.example/realms/main',"
                            + " not the configured '" + iss + "'");
        }
    }
}
