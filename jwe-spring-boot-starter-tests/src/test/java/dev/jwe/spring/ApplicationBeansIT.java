package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.jwe.core.TokenValidator;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boot's own default resource-server chain (the application declares no
 * {@code SecurityFilterChain}) with the application's own {@link JwtDecoder} and
 * {@link JwtAuthenticationConverter} beans: the starter backs off, and theirs are used.
 */
@SpringBootTest(classes = {OrdersApplication.class, ApplicationBeansIT.ApplicationBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationBeansIT {
    private static final Tokens TOKENS = Tokens.get();

    @Value("${local.server.port}")
    int port;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void jwe(DynamicPropertyRegistry registry) {
        Tokens.register(registry);
    }

    /** A decoder that post-processes ours, and authorities from a department claim. */
    @Configuration(proxyBeanMethods = false)
    static class ApplicationBeans {

        @Bean
        JwtDecoder applicationDecoder(TokenValidator validator) {
            JweJwtDecoder jwe = new JweJwtDecoder(validator);
            return token -> {
                Jwt jwt = jwe.decode(token);
                return Jwt.withTokenValue(jwt.getTokenValue()).headers(h -> h.putAll(jwt.getHeaders()))
                        .claims(c -> {
                            c.putAll(jwt.getClaims());
                            c.put("decoded_by", "application");
                        }).build();
            };
        }

        @Bean
        JwtAuthenticationConverter applicationConverter() {
            JwtGrantedAuthoritiesConverter departments = new JwtGrantedAuthoritiesConverter();
            departments.setAuthoritiesClaimName("department");
            departments.setAuthorityPrefix("DEPT_");
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(departments);
            return converter;
        }
    }

    @Test
    void getWhenApplicationDefinesDecoderAndConverterThenTheirsAreUsed() throws Exception {
        String token = TOKENS.token(Clock.systemUTC(), c -> c.claim("realm_access", java.util.Map.of("roles",
                List.of("admin"))).claim("department", "sales"));
        HttpResponse<String> r = Http.getWithToken(port, "/whoami", token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(r.body(), "$.decodedBy")).isEqualTo("application");
        assertThat(JsonPath.<List<String>>read(r.body(), "$.authorities")).contains("DEPT_sales")
                .doesNotContain("ROLE_admin");
        assertThat(context.getBeansOfType(JweJwtDecoder.class)).isEmpty();
        assertThat(context.getBeansOfType(JwtAuthenticationConverter.class)).containsOnlyKeys("applicationConverter");
    }

    @Test
    void getWhenNoTokenUnderBootsDefaultChainThen401() throws Exception {
        HttpResponse<String> r = Http.get(port, "/whoami");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    }

    @Test
    void getWhenTokenTamperedUnderBootsDefaultChainThen401InvalidToken() throws Exception {
        HttpResponse<String> r = Http.getWithToken(port, "/whoami",
                Tokens.tampered(TOKENS.token(List.of(), List.of())));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }
}
