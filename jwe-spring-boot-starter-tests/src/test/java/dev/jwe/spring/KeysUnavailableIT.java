package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.jwe.core.AuditEvent;
import dev.jwe.core.Reason;
import dev.jwe.core.http.Challenge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The issuer's remote key set is down from the start ({@code jwe.verification.fetch-at-start=false},
 * nothing listening on its port): the application starts anyway, every token is answered 503 by
 * us (not 401, not 500, not an error page), and the health contributor {@code jwe} is DOWN.
 */
@SpringBootTest(classes = {OrdersApplication.class, UserSecurity.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"jwe.verification.fetch-at-start=false", "jwe.signature-algorithms=ES256",
            "management.endpoint.health.show-details=always"})
class KeysUnavailableIT {
    private static final Tokens TOKENS = Tokens.get();

    @Value("${local.server.port}")
    int port;
    @Autowired
    AuditEvents audit;

    @DynamicPropertySource
    static void jwe(DynamicPropertyRegistry registry) {
        Tokens.register(registry);
        int closed = closedPort();
        registry.add("jwe.verification.keys", () -> "http://127.0.0.1:" + closed + "/jwks.json");
    }

    /** A loopback port that nothing listens on (taken, then given back). */
    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void forgetEarlierEvents() {
        audit.clear();
    }

    @Test
    void getWhenKeysUnavailableThen503ProblemWithoutChallengeOnEveryRequest() throws Exception {
        String token = TOKENS.token(List.of("admin"), List.of("orders:read"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = Http.getWithToken(port, "/whoami", token);

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith(Challenge.PROBLEM_JSON));
            assertThat(r.body()).isEqualTo(Challenge.serviceUnavailableJson());
        }
        assertThat(audit.take()).extracting(AuditEvent::reason)
                .containsExactly(Reason.UNAVAILABLE, Reason.UNAVAILABLE, Reason.UNAVAILABLE);
    }

    @Test
    void getWhenKeysUnavailableAndNoTokenThenStill401() throws Exception {
        HttpResponse<String> r = Http.get(port, "/whoami");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(audit.take()).extracting(AuditEvent::reason).containsExactly(Reason.MISSING_TOKEN);
    }

    @Test
    void healthWhenRemoteKeysNeverLoadedThenJweDown() throws Exception {
        HttpResponse<String> r = Http.get(port, "/actuator/health/jwe");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(JsonPath.<String>read(r.body(), "$.status")).isEqualTo("DOWN");
        assertThat(JsonPath.<List<Boolean>>read(r.body(), "$.details.keySources[*].usable")).containsExactly(true, false);
    }
}
