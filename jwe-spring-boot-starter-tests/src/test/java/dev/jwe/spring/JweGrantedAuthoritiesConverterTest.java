package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.JweSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class JweGrantedAuthoritiesConverterTest {
    private final JweGrantedAuthoritiesConverter converter =
            new JweGrantedAuthoritiesConverter(Tokens.ROLES_CLAIM, "scope");

    private static List<String> names(java.util.Collection<GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void convertWhenJweJwtThenRolesFromTheDottedClaimAndScopes() {
        Jwt jwt = new JweJwtDecoder(JweSettings.of(Tokens.properties()).buildValidator())
                .decode(Tokens.get().token(List.of("admin", "clerk"), List.of("orders:read")));

        assertThat(names(converter.convert(jwt))).containsExactlyInAnyOrder("ROLE_admin", "ROLE_clerk",
                "SCOPE_orders:read");
    }

    @Test
    void convertWhenPlainJwtFromAnotherDecoderThenTopLevelClaimsThroughSpringsConverter() {
        JweGrantedAuthoritiesConverter topLevel = new JweGrantedAuthoritiesConverter("groups", "scope");
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "ES256").claim("groups", List.of("admin"))
                .claim("scope", "orders:read orders:write").expiresAt(Instant.now().plusSeconds(60)).build();

        assertThat(names(topLevel.convert(jwt))).containsExactlyInAnyOrder("ROLE_admin", "SCOPE_orders:read",
                "SCOPE_orders:write");
        assertThat(names(converter.convert(Jwt.withTokenValue("t").header("alg", "ES256")
                .claim("realm_access", Map.of("roles", List.of("admin"))).build()))).isEmpty();
    }

    @Test
    void convertWhenPlainJwtAndSeveralClaimsConfiguredThenEachTopLevelClaimMerged() {
        JweGrantedAuthoritiesConverter several = new JweGrantedAuthoritiesConverter("groups, roles", "scope,scp");
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "ES256").claim("groups", List.of("admin"))
                .claim("roles", List.of("clerk", "admin")).claim("scp", List.of("orders:read"))
                .expiresAt(Instant.now().plusSeconds(60)).build();

        assertThat(names(several.convert(jwt))).containsExactly("ROLE_admin", "ROLE_clerk", "SCOPE_orders:read");
    }
}
