package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code jwe.token-cookie.csrf-protected=true} the application vouches for CSRF: the cookie is accepted on POST. */
@SpringBootTest(classes = {OrdersApplication.class, ApiWithoutCsrf.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenCookieCsrfProtectedIT {

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void jwe(DynamicPropertyRegistry registry) {
        Tokens.register(registry);
        registry.add("jwe.token-cookie", () -> "access_token");
        registry.add("jwe.token-cookie.csrf-protected", () -> "true");
    }

    @Test
    void postWhenTokenInCookieThen200() throws Exception {
        HttpResponse<String> r = Http.post(port, "/orders", "Cookie", TokenCookieIT.cookie());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("placed");
    }
}
