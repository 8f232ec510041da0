package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalExtractionTest {
    private static final PrincipalExtraction DEFAULTS = new PrincipalExtraction("sub", "groups", "scope");

    private static TokenClaims claims(Map<String, Object> all) {
        Object sub = all.get("sub");
        return new TokenClaims(all, null, sub instanceof String s ? s : null, null);
    }

    @Test
    void extractWhenDefaultsThenSubGroupsAndScope() {
        PrincipalExtraction.Result r = DEFAULTS.extract(claims(Map.of("sub", "alice", "groups", List.of("user", "ops"),
                "scope", "orders:read orders:write")));
        assertThat(r.name()).isEqualTo("alice");
        assertThat(r.roles()).containsExactly("user", "ops");
        assertThat(r.scopes()).containsExactly("orders:read", "orders:write");
    }

    @Test
    void extractWhenPrincipalClaimAbsentOrNotAStringThenSubElseEmpty() {
        PrincipalExtraction byEmail = new PrincipalExtraction("email", "groups", "scope");
        assertThat(byEmail.extract(claims(Map.of("sub", "alice", "email", "a@b.test"))).name()).isEqualTo("a@b.test");
        assertThat(byEmail.extract(claims(Map.of("sub", "alice", "email", 42L))).name()).isEqualTo("alice");
        assertThat(byEmail.extract(claims(Map.of("sub", "alice"))).name()).isEqualTo("alice");
        assertThat(byEmail.extract(claims(Map.of())).name()).isEmpty();
    }

    @Test
    void extractWhenRolesClaimIsDottedPathThenNestedValue() {
        PrincipalExtraction keycloak = new PrincipalExtraction("sub", "realm_access.roles", "scope");
        assertThat(keycloak.extract(claims(Map.of("realm_access", Map.of("roles", List.of("admin"))))).roles())
                .containsExactly("admin");
        // A claim whose name has the dot wins over the path.
        assertThat(keycloak.extract(claims(Map.of("realm_access.roles", "flat",
                "realm_access", Map.of("roles", List.of("admin"))))).roles()).containsExactly("flat");
        assertThat(keycloak.extract(claims(Map.of("realm_access", List.of("admin")))).roles()).isEmpty();
        assertThat(keycloak.extract(claims(Map.of())).roles()).isEmpty();
    }

    @Test
    void extractWhenRolesAStringThenOneRoleAndEmptyOrOddValuesIgnored() {
        assertThat(DEFAULTS.extract(claims(Map.of("groups", "admin"))).roles()).containsExactly("admin");
        assertThat(DEFAULTS.extract(claims(Map.of("groups", "a b"))).roles()).containsExactly("a b");
        assertThat(DEFAULTS.extract(claims(Map.of("groups", ""))).roles()).isEmpty();
        assertThat(DEFAULTS.extract(claims(Map.of("groups", List.of("x", "", 7L, "x", "y")))).roles())
                .containsExactly("x", "y");
        assertThat(DEFAULTS.extract(claims(Map.of("groups", 7L))).roles()).isEmpty();
    }

    @Test
    void extractWhenScopeStringThenSplitOnSpacesWithoutEmptyOnes() {
        assertThat(DEFAULTS.extract(claims(Map.of("scope", "  a  b c "))).scopes()).containsExactly("a", "b", "c");
        assertThat(DEFAULTS.extract(claims(Map.of("scope", List.of("a b", "c")))).scopes()).containsExactly("a b", "c");
        assertThat(DEFAULTS.extract(claims(Map.of("scope", " "))).scopes()).isEmpty();
    }
}
