package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.jayway.jsonpath.JsonPath;
import dev.jwe.core.AuditEvent;
import dev.jwe.core.Reason;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application's own {@code SecurityFilterChain} ({@link UserSecurity}: URL rules and
 * {@code oauth2ResourceServer(o -> o.jwt(withDefaults()))}) with {@code @PreAuthorize} resources,
 * over real HTTP: what a client sees, and one audit event per attempt.
 */
@SpringBootTest(classes = {OrdersApplication.class, UserSecurity.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoint.health.show-details=always"})
class UserSecurityChainIT {
    private static final Tokens TOKENS = Tokens.get();

    @Value("${local.server.port}")
    int port;
    @Autowired
    AuditEvents audit;

    @DynamicPropertySource
    static void jwe(DynamicPropertyRegistry registry) {
        Tokens.register(registry);
    }

    @BeforeEach
    void forgetEarlierEvents() {
        audit.clear();
    }

    @Test
    void getWhenTokenValidThen200WithPrincipalAndAuthorities() throws Exception {
        String token = TOKENS.token(List.of("admin"), List.of("orders:read"));
        HttpResponse<String> r = Http.getWithToken(port, "/whoami", token);

        assertThat(r.statusCode()).isEqualTo(200);
        String body = r.body();
        assertThat(JsonPath.<String>read(body, "$.name")).isEqualTo("alice");
        assertThat(JsonPath.<List<String>>read(body, "$.authorities")).contains("ROLE_admin", "SCOPE_orders:read");
        assertThat(JsonPath.<String>read(body, "$.jwtType")).isEqualTo("JweJwt");
        assertThat(JsonPath.<List<String>>read(body, "$.audience")).containsExactly(Tokens.AUDIENCE);
        assertThat(JsonPath.<String>read(body, "$.headers.alg")).isEqualTo("ES256");
        assertThat(JsonPath.<String>read(body, "$.tokenValue")).isEqualTo(token);
        assertThat(JsonPath.<String>read(body, "$.expClaimType")).isEqualTo("Instant");
        assertThat(audit.take()).extracting(AuditEvent::accepted, AuditEvent::reason, e -> e.request().path())
                .containsExactly(tuple(true, null, "/whoami"));
    }

    @Test
    void getWhenNoTokenThen401BearerChallengeAndMissingTokenEvent() throws Exception {
        HttpResponse<String> r = Http.get(port, "/whoami");

        assertThat(r.statusCode()).isEqualTo(401);
        // Spring Security 7 adds resource_metadata (RFC 9728); 6.5 sends the bare scheme.
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer").doesNotContain("error=");
        assertThat(audit.take()).extracting(AuditEvent::accepted, AuditEvent::reason)
                .containsExactly(tuple(false, Reason.MISSING_TOKEN));
    }

    @Test
    void getWhenTwoTokensThen400InvalidRequest() throws Exception {
        String token = TOKENS.token(List.of(), List.of());
        HttpResponse<String> r = Http.get(port, "/whoami", "Authorization", "Bearer " + token,
                "Authorization", "Bearer " + token);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"invalid_request\"")
                .contains("error_description=\"" + Reason.INVALID_REQUEST.description() + "\"");
        assertThat(audit.take()).extracting(AuditEvent::accepted, AuditEvent::reason)
                .containsExactly(tuple(false, Reason.INVALID_REQUEST));
    }

    @Test
    void getWhenTokenTamperedThen401DecryptionFailed() throws Exception {
        assertInvalidToken(Tokens.tampered(TOKENS.token(List.of("admin"), List.of())), Reason.DECRYPTION_FAILED);
    }

    @Test
    void getWhenTokenExpiredThen401Expired() throws Exception {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        assertInvalidToken(TOKENS.token(anHourAgo, c -> { }), Reason.EXPIRED);
    }

    @Test
    void getWhenTokenForAnotherAudienceThen401InvalidAudience() throws Exception {
        assertInvalidToken(TOKENS.token(Clock.systemUTC(), c -> c.audience("another-api")), Reason.INVALID_AUDIENCE);
    }

    @Test
    void getWhenClaimsEncryptedButNotSignedThen401Unsigned() throws Exception {
        assertInvalidToken(TOKENS.unsignedToken(), Reason.UNSIGNED);
    }

    @Test
    void getWhenScopeMissingOnPreAuthorizeThen403InsufficientScope() throws Exception {
        assertForbidden("/orders", TOKENS.token(List.of("admin"), List.of("orders:write")));
    }

    @Test
    void getWhenRoleMissingOnPreAuthorizeThen403InsufficientScope() throws Exception {
        assertForbidden("/admin", TOKENS.token(List.of("clerk"), List.of("orders:read")));
    }

    @Test
    void getWhenScopeMissingOnUrlRuleThen403InsufficientScope() throws Exception {
        assertForbidden("/reports", TOKENS.token(List.of("admin"), List.of("orders:read")));
    }

    @Test
    void getWhenRoleAndScopePresentThen200() throws Exception {
        String token = TOKENS.token(List.of("admin"), List.of("orders:read", "reports:read"));
        assertThat(Http.getWithToken(port, "/admin", token).body()).isEqualTo("admin");
        assertThat(Http.getWithToken(port, "/orders", token).body()).isEqualTo("orders");
        assertThat(Http.getWithToken(port, "/reports", token).body()).isEqualTo("reports");
        assertThat(audit.take()).extracting(AuditEvent::accepted).containsExactly(true, true, true);
    }

    @Test
    void healthWhenKeysUsableThenJweUp() throws Exception {
        HttpResponse<String> r = Http.get(port, "/actuator/health/jwe");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(r.body(), "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<List<Boolean>>read(r.body(), "$.details.keySources[*].usable")).containsExactly(true, true);
        assertThat(audit.take()).isEmpty();
    }

    private void assertInvalidToken(String token, Reason reason) throws Exception {
        HttpResponse<String> r = Http.getWithToken(port, "/whoami", token);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"invalid_token\"")
                .contains("error_description=\"" + reason.description() + "\"");
        assertThat(r.body()).doesNotContain(token);
        assertThat(audit.take()).extracting(AuditEvent::accepted, AuditEvent::reason)
                .containsExactly(tuple(false, reason));
    }

    private void assertForbidden(String path, String token) throws Exception {
        HttpResponse<String> r = Http.getWithToken(port, path, token);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"insufficient_scope\"");
        assertThat(audit.take()).extracting(AuditEvent::accepted, AuditEvent::reason, e -> e.request().path())
                .containsExactly(tuple(true, null, path), tuple(false, Reason.INSUFFICIENT_SCOPE, path));
    }
}
