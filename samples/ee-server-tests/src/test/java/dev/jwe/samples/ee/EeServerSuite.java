package dev.jwe.samples.ee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.samples.Http;
import dev.jwe.samples.KeyFiles;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WARs of this module, as Maven built them, in one boot of a real server: the filter, the
 * JAX-RS feature and the Jakarta Security mechanism, each as a user would deploy them, plus two
 * misconfigured filters and a misconfigured feature that must never answer 200. Keys and issuer
 * are system properties of the server; each WAR names its own audience.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EeServerSuite {
    static final String ISSUER = "https://login.example.com";
    static final String[] CASES = {"filter", "filter-misspelt", "filter-late", "feature", "feature-misspelt", "mechanism"};

    private EeServer server;
    private KeyFiles keys;

    abstract EeServer newServer();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        keys = KeyFiles.create(dir.resolve("keys"));
        Map<String, Path> wars = new LinkedHashMap<>();
        for (String name : CASES) {
            Path war = Paths.get(System.getProperty("ee.wars"), System.getProperty("ee.warPrefix") + name + ".war");
            assertThat(war).as("built by Maven (mvn verify -P ee-servers)").isRegularFile();
            wars.put(name, war);
        }
        server = newServer();
        server.start(wars, Set.of("filter-misspelt", "feature-misspelt"), Map.of(
                "jwe.decryption.keys", keys.decryptionKeyFile().toString(),
                "jwe.verification.keys", keys.verificationKeyFile().toString(),
                "jwe.issuer", ISSUER), Files.createDirectories(Paths.get("target", "servers", getClass().getSimpleName()).toAbsolutePath()));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    EeServer server() {
        return server;
    }

    Http http(String context) {
        return new Http(server.base(context));
    }

    String bearer(String audience, String subject, String... roles) {
        return "Bearer " + keys.mint(Clock.systemUTC(), ISSUER, audience, subject, List.of(roles), List.of());
    }

    static void assertBearer401(HttpResponse<String> r, String realm, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        assertThat(challenge).startsWith("Bearer realm=\"" + realm + "\"");
        if (error == null) {
            assertThat(challenge).doesNotContain("error=");
        } else {
            assertThat(challenge).contains("error=\"" + error + "\"");
        }
        assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(1);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":401");
    }

    /** The filter's and the mechanism's answers are never cached (JweFeature does not say so yet). */
    static HttpResponse<String> noStore(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        return r;
    }

    /** The audit lines (JSON on logger dev.jwe.audit) that mention this path fragment. */
    long auditLines(String pathFragment) throws Exception {
        return server.log().lines().filter(l -> l.contains("dev.jwe.audit") && l.contains(pathFragment)).count();
    }

    // --- JweAuthenticationFilter -------------------------------------------------------------------

    @Test
    void filterWhenValidTokenThen200WithCallerAndAuditLine() throws Exception {
        String marker = UUID.randomUUID().toString();
        HttpResponse<String> r = http("filter").get("api/whoami/" + marker, "Authorization", bearer("jwe-ee-filter", "alice", "user"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("caller=alice user=true auth=Bearer");
        assertThat(auditLines(marker)).isEqualTo(1);
    }

    @Test
    void filterWhenNoTokenThenBearer401() throws Exception {
        assertBearer401(noStore(http("filter").get("api/whoami")), "filter", null);
    }

    @Test
    void filterWhenSettingMisspeltThenDeploymentFailsOrEveryRequest503() throws Exception {
        HttpResponse<String> r = http("filter-misspelt").get("api/whoami", "Authorization", bearer("jwe-ee-filter", "alice", "user"));
        // 404: the deployment failed (both servers do, through jwe's start-up check); 503: jwe's guard.
        assertThat(r.statusCode()).as(r.body()).isIn(404, 503);
        assertThat(server.log()).contains("jwe filter 'jwe': jwe.audiance: unknown setting");
    }

    @Test
    void filterWhenRegisteredLateAndMisconfiguredThenEveryRequestFails() throws Exception {
        for (String auth : new String[] {null, bearer("jwe-ee-filter", "alice", "user")}) {
            HttpResponse<String> r = auth == null ? http("filter-late").get("api/whoami")
                    : http("filter-late").get("api/whoami", "Authorization", auth);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(lateFilterStatus());
        }
        assertThat(server.log()).contains("jwe filter 'jwe-late': jwe.audiance: unknown setting");
    }

    /**
     * What a server answers when a jwe filter registered after the start-up check fails its
     * {@code init()}: 503 from jwe's guard where the server skips the filter and serves on
     * (Payara), or the server's own 500 where it initialises filters per request chain before the
     * first filter runs (WildFly, unless {@code eager-filter-initialization} makes the deployment fail).
     */
    abstract int lateFilterStatus();

    // --- JweFeature ---------------------------------------------------------------------------------

    @Test
    void featureWhenValidTokenThen200AndWithoutTokenBearer401() throws Exception {
        HttpResponse<String> ok = http("feature").get("api/orders", "Authorization", bearer("jwe-ee-feature", "alice", "user"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("orders for alice");
        assertBearer401(http("feature").get("api/orders"), "feature", null);
        HttpResponse<String> open = http("feature").get("api/ping");
        assertThat(open.statusCode()).isEqualTo(200);
    }

    @Test
    void featureWhenSettingMisspeltThenNever200() throws Exception {
        HttpResponse<String> r = http("feature-misspelt").get("api/ping");
        assertThat(r.statusCode()).as(r.body()).isNotEqualTo(200).isGreaterThanOrEqualTo(404);
        assertThat(server.log()).contains("jwe.audiance");
    }

    // --- JweAuthenticationMechanism -----------------------------------------------------------------

    @Test
    void mechanismWhenValidTokenThenEveryPartOfTheContainerSeesTheCaller() throws Exception {
        HttpResponse<String> r = http("mechanism").get("protected/whoami", "Authorization", bearer("jwe-ee-mechanism", "alice", "user"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("request=alice injected=alice securityContext=alice ejb=alice user=true admin=false");
    }

    @Test
    void mechanismWhenNoTokenOnConstrainedPathThenBearer401NotBasic() throws Exception {
        assertBearer401(noStore(http("mechanism").get("protected/whoami")), "mechanism", null);
    }

    @Test
    void mechanismWhenEjbRolesAllowedThenAdminPassesAndUserIsRefused() throws Exception {
        HttpResponse<String> admin = http("mechanism").get("protected/whoami?admin", "Authorization",
                bearer("jwe-ee-mechanism", "bob", "user", "admin"));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).endsWith("ejb=bob(admin) user=true admin=true ejbAdmin=bob");
        HttpResponse<String> user = http("mechanism").get("protected/whoami?admin", "Authorization",
                bearer("jwe-ee-mechanism", "alice", "user"));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(403);
    }

    @Test
    void mechanismWhenRoleMissingOnConstrainedPathThen403() throws Exception {
        HttpResponse<String> r = http("mechanism").get("protected/whoami", "Authorization", bearer("jwe-ee-mechanism", "carol", "guest"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    }

    @Test
    void mechanismWhenJaxrsRolesAllowedThenValidTokenPassesAndNoTokenGetsBearer401() throws Exception {
        HttpResponse<String> admin = http("mechanism").get("api/admin", "Authorization", bearer("jwe-ee-mechanism", "bob", "user", "admin"));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("admin ejb=bob");
        HttpResponse<String> user = http("mechanism").get("api/admin", "Authorization", bearer("jwe-ee-mechanism", "alice", "user"));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(403);
        assertBearer401(noStore(http("mechanism").get("api/admin")), "mechanism", null);
        HttpResponse<String> me = http("mechanism").get("api/user/1", "Authorization", bearer("jwe-ee-mechanism", "alice", "user"));
        assertThat(me.body()).isEqualTo("user alice servlet=alice");
    }

    @Test
    void mechanismWhenNoTokenOnUnprotectedResourceThenPassesAnonymously() throws Exception {
        HttpResponse<String> r = http("mechanism").get("api/public");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("public anonymous");
        HttpResponse<String> withToken = http("mechanism").get("api/public", "Authorization", bearer("jwe-ee-mechanism", "alice", "user"));
        assertThat(withToken.body()).isEqualTo("public alice");
    }

    @Test
    void mechanismWhenBadTokenOnUnprotectedResourceThenInvalidToken401() throws Exception {
        assertBearer401(http("mechanism").get("open/whoami", "Authorization", bearer("someone-else", "alice", "user")),
                "mechanism", "invalid_token");
        assertBearer401(http("mechanism").get("api/public", "Authorization", "Bearer not.a.token.at.all"),
                "mechanism", "invalid_token");
    }

    @Test
    void mechanismWhenRequestThenExactlyOneAuditLine() throws Exception {
        String marker = UUID.randomUUID().toString();
        HttpResponse<String> r = http("mechanism").get("api/user/" + marker, "Authorization", bearer("jwe-ee-mechanism", "alice", "user"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String refused = UUID.randomUUID().toString();
        assertBearer401(http("mechanism").get("api/user/" + refused), "mechanism", null);
        Thread.sleep(500); // the server's log is written asynchronously
        assertThat(auditLines(marker)).isEqualTo(1);
        assertThat(auditLines(refused)).isEqualTo(1);
    }
}
