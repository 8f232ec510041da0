package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.VerifiedToken;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRuleTest {

    static class Plain {
        public void none() {
        }
    }

    @RolesAllowed("admin")
    static class AdminOnly {
        public void inherits() {
        }

        @PermitAll
        public void open() {
        }

        @RequireScope("orders:read")
        public void scopeOnly() {
        }

        @DenyAll
        @RolesAllowed("admin")
        @PermitAll
        public void denied() {
        }

        @RolesAllowed({})
        public void nobody() {
        }

        @RolesAllowed({"user", "admin"})
        @RequireScope({"orders:read", "orders:write"})
        public void both() {
        }

        @RequireScope({})
        public void noScope() {
        }

        @RequireScope("bad\"scope")
        public void badScope() {
        }
    }

    private static AccessRule rule(Class<?> type, String method) throws NoSuchMethodException {
        Method m = type.getMethod(method);
        return AccessRule.of(type, m, "api");
    }

    @Test
    void ofWhenNothingAnnotatedThenTokenNeededUnlessAnonymous() throws Exception {
        AccessRule r = rule(Plain.class, "none");
        assertThat(r.kind()).isEqualTo(AccessRule.Kind.AUTHENTICATED);
        assertThat(r.requiresToken(false)).isTrue();
        assertThat(r.requiresToken(true)).isFalse();
        assertThat(r.permits(Tokens.verified(List.of(), List.of()))).isTrue();
    }

    @Test
    void ofWhenResourceInfoUnknownThenFailsClosed() {
        AccessRule r = AccessRule.of(null, null, "api");
        assertThat(r.kind()).isEqualTo(AccessRule.Kind.AUTHENTICATED);
        assertThat(r.requiresToken(false)).isTrue();
    }

    @Test
    void ofWhenOnlyClassAnnotatedThenClassRuleApplies() throws Exception {
        AccessRule r = rule(AdminOnly.class, "inherits");
        assertThat(r.kind()).isEqualTo(AccessRule.Kind.RESTRICTED);
        assertThat(r.requiresToken(true)).isTrue();
        assertThat(r.permits(Tokens.verified(List.of("admin"), List.of()))).isTrue();
        assertThat(r.permits(Tokens.verified(List.of("user"), List.of()))).isFalse();
    }

    @Test
    void ofWhenMethodPermitAllThenClassRolesIgnored() throws Exception {
        AccessRule r = rule(AdminOnly.class, "open");
        assertThat(r.kind()).isEqualTo(AccessRule.Kind.PERMIT_ALL);
        assertThat(r.requiresToken(false)).isFalse();
        assertThat(r.permits(Tokens.verified(List.of(), List.of()))).isTrue();
    }

    @Test
    void ofWhenMethodRequiresScopeThenClassRolesReplaced() throws Exception {
        AccessRule r = rule(AdminOnly.class, "scopeOnly");
        assertThat(r.roles()).isEmpty();
        assertThat(r.permits(Tokens.verified(List.of("user"), List.of("orders:read")))).isTrue();
        assertThat(r.permits(Tokens.verified(List.of("admin"), List.of()))).isFalse();
        assertThat(r.forbiddenChallenge()).endsWith(", scope=\"orders:read\"");
    }

    @Test
    void ofWhenDenyAllWithOtherAnnotationsThenDenyAllWins() throws Exception {
        AccessRule r = rule(AdminOnly.class, "denied");
        assertThat(r.kind()).isEqualTo(AccessRule.Kind.DENY_ALL);
        assertThat(r.requiresToken(true)).isTrue();
        assertThat(r.permits(Tokens.verified(List.of("admin"), List.of("orders:read")))).isFalse();
    }

    @Test
    void ofWhenRolesAllowedEmptyThenDeniesEveryone() throws Exception {
        assertThat(rule(AdminOnly.class, "nobody").kind()).isEqualTo(AccessRule.Kind.DENY_ALL);
    }

    @Test
    void permitsWhenRolesAndScopesThenOneRoleAndAllScopesNeeded() throws Exception {
        AccessRule r = rule(AdminOnly.class, "both");
        assertThat(r.permits(Tokens.verified(List.of("user"), List.of("orders:read", "orders:write")))).isTrue();
        assertThat(r.permits(Tokens.verified(List.of("user"), List.of("orders:read")))).isFalse();
        assertThat(r.permits(Tokens.verified(List.of("guest"), List.of("orders:read", "orders:write")))).isFalse();
        assertThat(r.forbiddenChallenge()).isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\", "
                + "error_description=\"The token lacks a role or scope this resource requires.\", "
                + "scope=\"orders:read orders:write\"");
    }

    @Test
    void ofWhenRequireScopeEmptyThenFails() {
        assertThatThrownBy(() -> rule(AdminOnly.class, "noScope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no scope");
    }

    @Test
    void ofWhenRequireScopeNotRfc6750ThenFails() {
        assertThatThrownBy(() -> rule(AdminOnly.class, "badScope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@RequireScope on");
    }

    @Test
    void permitsWhenTokenFromVerifiedTokenThenUsesRolesClaim() throws Exception {
        VerifiedToken t = Tokens.verified(List.of("admin"), List.of());
        assertThat(t.roles()).containsExactly("admin");
        assertThat(rule(AdminOnly.class, "inherits").permits(t)).isTrue();
    }
}
