package dev.jwe.samples.demo;

import static dev.jwe.samples.SampleAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.DpopProofs;
import dev.jwe.samples.Http;
import dev.jwe.samples.SampleAssertions;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's demo: {@code java -jar target/jwe-demo.jar} with no keys configured. The curl
 * lines it prints are pasted into bash verbatim, and what they show is what the README promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDevelopmentKeysIT {
    private DemoProcess demo;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        Bash.requireCurl();
        demo = DemoProcess.start(Map.of());
        http = new Http(demo.base());
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void startWhenNoKeysConfiguredThenLoudBannerPolicyAndPortOfTheServer() {
        String console = demo.console();
        assertThat(console).contains("DEVELOPMENT KEYS -- NOT FOR PRODUCTION", "demo-enc-1  RSA 2048",
                "demo-sig-1  EC P-256", "POST /dev/token is ON");
        assertThat(console).contains("issuer=[https://demo.jwe.dev]", "audience=[jwe-demo]",
                "decryption-keys=[demo-enc-1]", "verification-keys=[demo-sig-1]", "signature-required=always");
        assertThat(demo.base().getPort()).isPositive();
        assertThat(demo.printedCommands()).isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains(demo.base() + "/"));
    }

    @Test
    void startWhenBundledNativeProviderLoadsThenPolicyNamesItAndNoFallbackWarning() {
        String console = demo.console();
        // The demo bundles ACCP for linux-x86_64; elsewhere it falls back to the JDK's providers.
        boolean nativePlatform = System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64");
        assertThat(console).contains("crypto-provider=" + (nativePlatform ? "AmazonCorrettoCryptoProvider 2.5" : "JDK"))
                .doesNotContain("Amazon Corretto Crypto Provider is on the class path but cannot be used");
    }

    @Test
    void printedCurlLinesWhenPastedIntoBashThenTokenWhoamiOrdersAdminAndNoTokenAnswerAsAdvertised() throws Exception {
        List<String> commands = demo.printedCommands();
        assertThat(commands.get(0)).startsWith("TOKEN=$(curl -s -X POST " + demo.base() + "/dev/token -d sub=alice");
        int mark = demo.mark();

        List<Bash.Result> results = Bash.run(commands, Map.of(), "printf '%s' \"$TOKEN\"");

        assertThat(results).allSatisfy(r -> assertThat(r.exitStatus()).as(r.command()).isZero());
        String token = results.get(results.size() - 1).output();
        assertThat(token).matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){4}");

        Bash.Result whoami = find(results, bearer("TOKEN", "/api/whoami"));
        assertThat(whoami.status()).isEqualTo(200);
        JsonObject me = json(whoami.body());
        assertThat(me.getString("principal")).isEqualTo("alice");
        assertThat(me.getString("authenticatedBy")).isEqualTo("JweFeature");
        assertThat(me.getJsonArray("roles").getString(0)).isEqualTo("user");

        assertThat(find(results, bearer("TOKEN", "/api/orders")).status()).isEqualTo(200);

        Bash.Result admin = find(results, bearer("TOKEN", "/api/admin"));
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.headers().get("www-authenticate")).startsWith("Bearer realm=\"api\", error=\"insufficient_scope\"");

        Bash.Result servlet = find(results, bearer("TOKEN", "/servlet/whoami"));
        assertThat(servlet.status()).isEqualTo(200);
        assertThat(json(servlet.body()).getString("principal")).isEqualTo("alice");
        assertThat(json(servlet.body()).getString("authenticatedBy")).isEqualTo("JweAuthenticationFilter");

        Bash.Result anonymous = find(results, "curl -i " + demo.base() + "/api/whoami");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().get("www-authenticate"))
                .isEqualTo("Bearer realm=\"api\", DPoP algs=\"ES256 PS256 RS256 EdDSA\"");

        Bash.Result bobAdmin = find(results, bearer("ADMIN_TOKEN", "/api/admin"));
        assertThat(bobAdmin.status()).isEqualTo(200);
        assertThat(json(bobAdmin.body()).getString("admin")).isEqualTo("bob");

        JsonObject revoked = json(find(results, "curl -s -X POST -H \"Authorization: Bearer $ADMIN_TOKEN\" "
                + demo.base() + "/dev/revoke").output());
        assertThat(revoked.getString("revoked")).isEqualTo("token");
        assertThat(revoked.getString("sub")).isEqualTo("bob");
        Bash.Result afterRevoke = find(results, bearer("ADMIN_TOKEN", "/api/whoami"));
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.headers().get("www-authenticate")).contains("error=\"invalid_token\"")
                .contains("revoked");

        JsonObject minted = json(find(results, "curl -s -X POST " + demo.base() + "/dev/token -H").output());
        assertThat(minted.getString("token_type")).isEqualTo("Bearer");
        assertThat(minted.getInt("expires_in")).isEqualTo(300);
        HttpResponse<String> carol = http.get("/api/orders", "Authorization", "Bearer " + minted.getString("access_token"));
        assertThat(carol.statusCode()).isEqualTo(200);
        assertThat(json(carol.body()).getString("owner")).isEqualTo("carol");

        SampleAssertions.assertPublicEncryptionKeyOnly(find(results, "curl -s " + demo.base() + "/.well-known/jwks.json")
                .output(), "demo-enc-1");
        JsonObject health = json(find(results, "curl -s " + demo.base() + "/health").output());
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getString("keys")).isEqualTo("development");

        // One audit line per attempt; the JAX-RS 403 is an acceptance of the token, then the refusal.
        List<String> expected = List.of("/api/whoami accepted alice", "/api/orders accepted alice",
                "/api/admin accepted alice", "/api/admin rejected INSUFFICIENT_SCOPE", "/servlet/whoami accepted alice",
                "/api/whoami rejected MISSING_TOKEN", "/api/admin accepted bob", "/dev/revoke accepted bob",
                "/api/whoami rejected REVOKED", "/api/orders accepted carol");
        List<String> audit = demo.awaitLines(mark, l -> l.contains(DemoAssertions.AUDIT), expected.size());
        assertThat(DemoAssertions.auditEvents(audit).stream().map(DemoAssertions::summary).toList())
                .containsExactlyElementsOf(expected);
        assertThat(audit.get(4)).contains("\"client\":\"127.0.0.1\"");
        assertThat(demo.console()).doesNotContain(token).doesNotContain(minted.getString("access_token"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            application/x-www-form-urlencoded | sub=alice&ttl=7200                   | POST | 400 | ttl must be between
            application/x-www-form-urlencoded | ttl=PT5M&roles=user                  | POST | 400 | sub is required
            application/x-www-form-urlencoded | sub=alice&sub=bob                    | POST | 400 | once
            application/x-www-form-urlencoded | sub=alice&color=red                  | POST | 400 | unknown field
            application/x-www-form-urlencoded | sub=alice&roles=a%22b                | POST | 400 | roles: each value
            application/x-www-form-urlencoded | sub=alice&ttl=ten                    | POST | 400 | ttl must be seconds
            application/json                  | '{"sub":'                            | POST | 400 | not a JSON object
            application/json                  | '["alice"]'                          | POST | 400 | not a JSON object
            application/json                  | '{"sub":"a","sub":"b"}'              | POST | 400 | repeats a member
            application/json                  | '{"sub":"alice","ttl":1.5}'          | POST | 400 | whole seconds
            application/json                  | '{"sub":"alice","roles":[1]}'        | POST | 400 | array of strings
            text/plain                        | sub=alice                            | POST | 415 | application/json
            application/x-www-form-urlencoded | sub=alice                            | GET  | 405 | use POST
            """)
    void devTokenWhenRequestIsWrongThenProblemJsonWithFixedText(String type, String body, String method, int status,
            String detail) throws Exception {
        HttpResponse<String> r = http.send(method, "/dev/token", method.equals("GET") ? null : body,
                "Content-Type", type);

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(r.body()).getString("detail")).contains(detail);
        assertThat(r.body()).doesNotContain("Exception", "alice", "color");
    }

    @Test
    void devTokenWhenJsonWithArraysThenTokenCarriesRolesAndScopes() throws Exception {
        HttpResponse<String> minted = http.send("POST", "/dev/token",
                "{\"sub\":\"dave\",\"roles\":[\"admin\"],\"scopes\":[\"orders:read\",\"orders:write\"],\"ttl\":\"PT2M\"}",
                "Content-Type", "application/json");
        assertThat(minted.statusCode()).isEqualTo(200);
        assertThat(minted.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(minted.body()).getInt("expires_in")).isEqualTo(120);

        HttpResponse<String> me = http.get("/servlet/whoami", "Authorization",
                "Bearer " + json(minted.body()).getString("access_token"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me.body()).getJsonArray("roles").getString(0)).isEqualTo("admin");
        assertThat(json(me.body()).getJsonArray("scopes").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("orders:read", "orders:write");
    }

    @ParameterizedTest
    @CsvSource({"/api/whoami, form", "/servlet/whoami, json"})
    void devTokenWhenDpopJktGivenThenDpopTokenAcceptedOnlyWithAProofOfThatKey(String path, String body)
            throws Exception {
        DpopProofs.ClientKey client = DpopProofs.ec();
        HttpResponse<String> minted = body.equals("form")
                ? http.send("POST", "/dev/token", "sub=erin&dpop_jkt=" + client.thumbprint(), "Content-Type",
                        "application/x-www-form-urlencoded")
                : http.send("POST", "/dev/token", "{\"sub\":\"erin\",\"dpop_jkt\":\"" + client.thumbprint() + "\"}",
                        "Content-Type", "application/json");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        assertThat(json(minted.body()).getString("token_type")).isEqualTo("DPoP");
        String token = json(minted.body()).getString("access_token");
        String url = demo.base() + path;

        HttpResponse<String> me = http.get(path, "Authorization", "DPoP " + token, "DPoP",
                DpopProofs.proof(client, "GET", url, token, Instant.now()).sign());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me.body()).getString("principal")).isEqualTo("erin");

        HttpResponse<String> asBearer = http.get(path, "Authorization", "Bearer " + token);
        assertThat(asBearer.statusCode()).isEqualTo(401);
        assertThat(asBearer.body()).contains("DPOP_BOUND_TOKEN");
        HttpResponse<String> otherKey = http.get(path, "Authorization", "DPoP " + token, "DPoP",
                DpopProofs.proof(DpopProofs.ec(), "GET", url, token, Instant.now()).sign());
        assertThat(otherKey.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("DPoP error=\"invalid_dpop_proof\"");
    }

    @ParameterizedTest
    @CsvSource({"/api/whoami, Bearer not.a.token, 401, invalid_token",
            "/servlet/whoami, Bearer not.a.token, 401, invalid_token",
            "/api/whoami, Bearer a b, 400, invalid_request",
            "/servlet/whoami, Basic YWxpY2U6cHc=, 401, ''"})
    void whoamiWhenTokenIsBadThenChallengeNeverServerError(String path, String authorization, int status, String error)
            throws Exception {
        HttpResponse<String> r = http.get(path, "Authorization", authorization);

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> {
            assertThat(h).startsWith("Bearer realm=\"api\"");
            assertThat(h).contains(error.isEmpty() ? "realm" : "error=\"" + error + "\"");
        });
    }

    private String bearer(String variable, String path) {
        return "curl -i -H \"Authorization: Bearer $" + variable + "\" " + demo.base() + path;
    }

    private static Bash.Result find(List<Bash.Result> results, String prefix) {
        Predicate<Bash.Result> match = r -> r.command().equals(prefix) || r.command().startsWith(prefix + " ");
        List<Bash.Result> found = results.stream().filter(match).toList();
        assertThat(found).as("printed line starting with %s", prefix).hasSize(1);
        return found.get(0);
    }
}
