package dev.jwe.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's command, for real: the runnable jar with development keys, a token from
 * {@code POST /dev/token}, then what {@code @PreAuthorize} and the starter answer.
 */
class SampleIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static SampleProcess sample;

    @BeforeAll
    static void start() throws Exception {
        sample = SampleProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sample != null) {
            sample.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sample.base() + path)).GET();
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static String token(String form) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(sample.base() + "/dev/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void startWhenNoKeysConfiguredThenBannerAndLoopbackOnly() {
        assertThat(sample.console()).contains("DEVELOPMENT KEYS -- NOT FOR PRODUCTION", "POST /dev/token is ON");
        assertThat(sample.base()).startsWith("http://127.0.0.1:");
    }

    @Test
    void getWhenTokenHasScopeThenOrdersAndWhoami() throws Exception {
        String token = token("sub=alice&roles=user&scopes=orders:read");

        HttpResponse<String> whoami = send(get("/api/whoami", token));
        assertThat(whoami.statusCode()).isEqualTo(200);
        assertThat(whoami.body()).contains("\"principal\":\"alice\"", "ROLE_user", "SCOPE_orders:read");
        assertThat(send(get("/api/orders", token)).statusCode()).isEqualTo(200);
    }

    @Test
    void getWhenRoleMissingThen403AndWithRoleThen200() throws Exception {
        HttpResponse<String> forbidden = send(get("/api/admin", token("sub=alice&roles=user")));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"");

        assertThat(send(get("/api/admin", token("sub=root&roles=admin"))).body()).contains("\"admin\":\"root\"");
    }

    @Test
    void getWhenNoTokenThen401AndHealthOpenWithJweUp() throws Exception {
        assertThat(send(get("/api/whoami", null)).statusCode()).isEqualTo(401);

        HttpResponse<String> health = send(get("/actuator/health", null));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(health.body(), "$.components.jwe.status")).isEqualTo("UP");
    }

    @Test
    void consoleWhenRequestsMadeThenAuditLinesWithoutTokens() throws Exception {
        String token = token("sub=carol&scopes=orders:read");
        send(get("/api/orders", token));

        assertThat(sample.console()).contains("\"sub\":\"carol\"").doesNotContain(token);
    }
}
