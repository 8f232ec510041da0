package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalExtractionTest {
    private static final PrincipalExtraction DEFAULTS = new PrincipalExtraction(List.of("sub"), List.of("groups"), List.of("scope"));

    /** The claims, with {@code sub=someone} added when absent (the roles and scope tests need a principal). */
    private static TokenClaims claims(Map<String, Object> all) {
        if (!all.containsKey("sub")) {
            Map<String, Object> withSub = new HashMap<>(all);
            withSub.put("sub", "someone");
            return exactly(withSub);
        }
        return exactly(all);
    }

    private static TokenClaims exactly(Map<String, Object> all) {
        Object sub = all.get("sub");
        return new TokenClaims(all, null, sub instanceof String s ? s : null, null);
    }

    @Test
    void extractWhenDefaultsThenSubGroupsAndScope() throws TokenRejectedException {
        PrincipalExtraction.Result r = DEFAULTS.extract(claims(Map.of("sub", "alice", "groups", List.of("user", "ops"),
                "scope", "orders:read orders:write")));
        assertThat(r.name()).isEqualTo("alice");
        assertThat(r.roles()).containsExactly("user", "ops");
        assertThat(r.scopes()).containsExactly("orders:read", "orders:write");
    }

    @Test
    void extractWhenSinglePrincipalClaimAbsentOrNotAStringThenMissingPrincipalWithoutSubFallback()
            throws TokenRejectedException {
        PrincipalExtraction byEmail = new PrincipalExtraction(List.of("email"), List.of("groups"), List.of("scope"));
        assertThat(byEmail.extract(exactly(Map.of("sub", "alice", "email", "a@b.test"))).name()).isEqualTo("a@b.test");
        for (Map<String, Object> claims : List.<Map<String, Object>>of(Map.of("sub", "victim@corp.example"),
                Map.of("sub", "alice", "email", 42L), Map.of("sub", "alice", "email", ""), Map.of())) {
            assertThatThrownBy(() -> byEmail.extract(exactly(claims))).as(claims.toString())
                    .isInstanceOfSatisfying(TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_PRINCIPAL));
        }
    }

    @Test
    void extractWhenDefaultSubAbsentThenMissingPrincipal() {
        assertThatThrownBy(() -> DEFAULTS.extract(exactly(Map.of("email", "a@b.test"))))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_PRINCIPAL));
    }

    @Test
    void extractWhenPrincipalClaimListThenFirstPresentStringWinsElseMissingPrincipal() throws TokenRejectedException {
        PrincipalExtraction ordered = new PrincipalExtraction(List.of("preferred_username", "sub"), List.of("groups"), List.of("scope"));
        assertThat(ordered.extract(exactly(Map.of("preferred_username", "al", "sub", "alice"))).name()).isEqualTo("al");
        assertThat(ordered.extract(exactly(Map.of("sub", "alice"))).name()).isEqualTo("alice");
        assertThat(ordered.extract(exactly(Map.of("preferred_username", 7L, "sub", "alice"))).name())
                .isEqualTo("alice");
        assertThatThrownBy(() -> ordered.extract(exactly(Map.of("email", "a@b.test"))))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_PRINCIPAL));
    }

    @Test
    void extractWhenRolesClaimIsDottedPathThenNestedValue() throws TokenRejectedException {
        PrincipalExtraction keycloak = new PrincipalExtraction(List.of("sub"), List.of("realm_access.roles"), List.of("scope"));
        assertThat(keycloak.extract(claims(Map.of("realm_access", Map.of("roles", List.of("admin"))))).roles())
                .containsExactly("admin");
        // A claim whose name has the dot wins over the path.
        assertThat(keycloak.extract(claims(Map.of("realm_access.roles", "flat",
                "realm_access", Map.of("roles", List.of("admin"))))).roles()).containsExactly("flat");
        assertThat(keycloak.extract(claims(Map.of("realm_access", List.of("admin")))).roles()).isEmpty();
        assertThat(keycloak.extract(claims(Map.of())).roles()).isEmpty();
    }

    @Test
    void extractWhenRolesAStringThenOneRoleAndEmptyOrOddValuesIgnored() throws TokenRejectedException {
        assertThat(DEFAULTS.extract(claims(Map.of("groups", "admin"))).roles()).containsExactly("admin");
        assertThat(DEFAULTS.extract(claims(Map.of("groups", "a b"))).roles()).containsExactly("a b");
        assertThat(DEFAULTS.extract(claims(Map.of("groups", ""))).roles()).isEmpty();
        assertThat(DEFAULTS.extract(claims(Map.of("groups", List.of("x", "", 7L, "x", "y")))).roles())
                .containsExactly("x", "y");
        assertThat(DEFAULTS.extract(claims(Map.of("groups", 7L))).roles()).isEmpty();
    }

    @Test
    void extractWhenScopeStringThenSplitOnSpacesWithoutEmptyOnes() throws TokenRejectedException {
        assertThat(DEFAULTS.extract(claims(Map.of("scope", "  a  b c "))).scopes()).containsExactly("a", "b", "c");
        assertThat(DEFAULTS.extract(claims(Map.of("scope", List.of("a b", "c")))).scopes()).containsExactly("a b", "c");
        assertThat(DEFAULTS.extract(claims(Map.of("scope", " "))).scopes()).isEmpty();
    }

    @Test
    void extractWhenSeveralRolesClaimsThenMergedInOrderWithoutDuplicates() throws TokenRejectedException {
        PrincipalExtraction keycloak = new PrincipalExtraction(List.of("sub"),
                List.of("realm_access.roles", "resource_access.orders-api.roles"), List.of("scope"));
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("user", "admin")),
                "resource_access", Map.of("orders-api", Map.of("roles", List.of("admin", "orders-writer")),
                        "other-api", Map.of("roles", List.of("other"))));

        assertThat(keycloak.extract(claims(claims)).roles()).containsExactly("user", "admin", "orders-writer");
        assertThat(keycloak.extract(claims(Map.of("resource_access", Map.of("orders-api",
                Map.of("roles", List.of("orders-writer")))))).roles()).containsExactly("orders-writer");
    }

    @Test
    void extractWhenScopeAndScpThenMergedInOrderWithoutDuplicates() throws TokenRejectedException {
        PrincipalExtraction entra = new PrincipalExtraction(List.of("sub"), List.of("groups"), List.of("scope", "scp"));

        assertThat(entra.extract(claims(Map.of("scope", "a b", "scp", "b c"))).scopes()).containsExactly("a", "b", "c");
        assertThat(entra.extract(claims(Map.of("scp", List.of("c", "d")))).scopes()).containsExactly("c", "d");
    }

    @Test
    void validateWhenRolesAndScopeClaimSettingsListSeveralThenTheTokenCarriesAllMerged() throws Exception {
        KeyEntry enc = TestKeys.rsa("enc-1", 2048);
        KeyEntry sig = TestKeys.ec("sig-1", "P-256");
        JweTokenValidator validator = JweSettings.of(Map.of("jwe.issuer", TestKeys.ISSUER, "jwe.audience",
                TestKeys.AUDIENCE, "jwe.roles-claim", "realm_access.roles, resource_access.orders-api.roles",
                "jwe.scope-claim", "scope,scp")).toValidatorBuilder().decryptionKeys(KeySource.of(enc))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(sig))).clock(TestKeys.CLOCK)
                .auditListener(AuditListener.NOOP).build();
        Map<String, Object> claims = TestKeys.claims();
        claims.put("realm_access", Map.of("roles", List.of("user")));
        claims.put("resource_access", Map.of("orders-api", Map.of("roles", List.of("orders-writer", "user"))));
        claims.put("scp", "orders:write");

        VerifiedToken token = validator.validate(TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(enc))
                .signingKey(sig).build().issue(claims));

        assertThat(token.roles()).containsExactly("user", "orders-writer");
        assertThat(token.scopes()).containsExactly("orders:read", "orders:write");
    }
}
