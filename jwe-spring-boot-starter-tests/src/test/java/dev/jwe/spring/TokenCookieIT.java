package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.Reason;
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
 * {@code jwe.token-cookie} in a Spring application: the token in a cookie works for reads, and a
 * state-changing request that carries it only in the cookie (what a forged cross-site form sends)
 * is refused before the token is opened.
 */
@SpringBootTest(classes = {OrdersApplication.class, ApiWithoutCsrf.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenCookieIT {
    private static final Tokens TOKENS = Tokens.get();

    @Value("${local.server.port}")
    int port;
    @Autowired
    AuditEvents audit;

    @DynamicPropertySource
    static void jwe(DynamicPropertyRegistry registry) {
        Tokens.register(registry);
        registry.add("jwe.token-cookie", () -> "access_token");
    }

    /** The cookie header a browser sends, with a token of {@code alice} that may read orders. */
    static String cookie() {
        return "theme=dark; access_token=" + TOKENS.token(List.of(), List.of("orders:read"));
    }

    @BeforeEach
    void forgetEarlierEvents() {
        audit.clear();
    }

    @Test
    void getWhenTokenInCookieThen200() throws Exception {
        HttpResponse<String> r = Http.get(port, "/orders", "Cookie", cookie());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("orders");
    }

    @Test
    void postWhenTokenOnlyInCookieThen400CookieUnsafeMethodAndAudited() throws Exception {
        HttpResponse<String> r = Http.post(port, "/orders", "Cookie", cookie());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("placed");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"invalid_request\"")
                .contains("error_description=\"" + Reason.COOKIE_UNSAFE_METHOD.description() + "\"");
        assertThat(audit.take()).extracting(AuditEvent::accepted, AuditEvent::reason, e -> e.request().method())
                .containsExactly(tuple(false, Reason.COOKIE_UNSAFE_METHOD, "POST"));
    }

    @Test
    void postWhenTokenInAuthorizationThen200() throws Exception {
        HttpResponse<String> r = Http.post(port, "/orders", "Authorization",
                "Bearer " + TOKENS.token(List.of(), List.of("orders:read")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("placed");
    }
}
