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
        return AccessRule.of(type, m);
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
        AccessRule r = AccessRule.of(null, null);
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
        assertThat(r.scopes()).containsExactly("orders:read");
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
        assertThat(r.scopes()).containsExactly("orders:read", "orders:write");
    }

    @Test
    void ofWhenRequireScopeEmptyThenFails() {
        assertThatThrownBy(() -> rule(AdminOnly.class, "noScope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no scope");
    }

    @Test
    void ofWhenRequireScopeNotRfc6750ThenFails() {
        assertThatThrownBy(() -> rule(AdminOnly.class, "badScope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@RequireScope on")
                .hasMessageContaining("badScope").hasMessageContaining("RFC 6750");
    }

    @Test
    void permitsWhenTokenFromVerifiedTokenThenUsesRolesClaim() throws Exception {
        VerifiedToken t = Tokens.verified(List.of("admin"), List.of());
        assertThat(t.roles()).containsExactly("admin");
        assertThat(rule(AdminOnly.class, "inherits").permits(t)).isTrue();
    }

    // --- where the annotations are declared -------------------------------------------------------

    @RolesAllowed("admin")
    abstract static class PackageBase {
        public String report() {
            return "report";
        }
    }

    /** A public subclass of a package-private class: javac adds a visibility bridge for report(). */
    public static class PublicSub extends PackageBase {
    }

    static class PlainBase {
        public String read() {
            return "read";
        }
    }

    @RolesAllowed("admin")
    static class AnnotatedSub extends PlainBase {
    }

    interface Api {
        @DenyAll
        String closed();
    }

    @PermitAll
    static class ApiImpl implements Api {
        @Override
        public String closed() {
            return "closed";
        }
    }

    @RolesAllowed("admin")
    static class Proxied {
        public String get() {
            return "get";
        }
    }

    static class Proxied$Proxy$_$$_WeldSubclass extends Proxied {
        @Override
        public String get() {
            return super.get();
        }
    }

    interface ReadsAsReader {
        @RolesAllowed("reader")
        String read();
    }

    interface ReadsAsAuditor {
        @RolesAllowed("auditor")
        String read();
    }

    static class ReadsBoth implements ReadsAsReader, ReadsAsAuditor {
        @Override
        public String read() {
            return "read";
        }
    }

    static class DropsAdmin extends PackageBase {
        @Override
        public String report() {
            return "mine";
        }
    }

    @Test
    void ofWhenInheritedThroughVisibilityBridgeThenDeclaringClassRuleApplies() throws Exception {
        Method bridge = PublicSub.class.getDeclaredMethod("report");
        assertThat(bridge.isBridge()).isTrue();
        AccessRule r = AccessRule.of(PublicSub.class, bridge);
        assertThat(r.roles()).containsExactly("admin");
    }

    @Test
    void ofWhenBaseUnannotatedThenSubclassClassRuleCoversInheritedMethod() throws Exception {
        AccessRule r = AccessRule.of(AnnotatedSub.class, PlainBase.class.getMethod("read"));
        assertThat(r.roles()).containsExactly("admin");
    }

    @Test
    void ofWhenInterfaceMethodAnnotatedThenItBeatsImplementationClassRule() throws Exception {
        assertThat(AccessRule.of(ApiImpl.class, Api.class.getMethod("closed")).kind())
                .isEqualTo(AccessRule.Kind.DENY_ALL);
        assertThat(AccessRule.of(ApiImpl.class, ApiImpl.class.getMethod("closed")).kind())
                .isEqualTo(AccessRule.Kind.DENY_ALL);
    }

    @Test
    void ofWhenResourceClassIsGeneratedProxyThenProxiedClassRuleApplies() throws Exception {
        Class<?> proxy = Proxied$Proxy$_$$_WeldSubclass.class;
        assertThat(Hierarchy.isGenerated(proxy)).isTrue();
        assertThat(AccessRule.of(proxy, proxy.getMethod("get")).roles()).containsExactly("admin");
    }

    @Test
    void ofWhenInterfacesDisagreeThenFailsNamingBothAndTheMethod() {
        assertThatThrownBy(() -> AccessRule.of(ReadsBoth.class, ReadsBoth.class.getMethod("read")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Security annotations on " + ReadsAsReader.class.getName() + ".read and "
                        + ReadsAsAuditor.class.getName() + ".read disagree for " + ReadsBoth.class.getName()
                        + ".read: annotate that method itself");
    }

    @Test
    void overrideWarningWhenUnannotatedOverrideLosesRuleThenNamesBoth() throws Exception {
        Method m = DropsAdmin.class.getMethod("report");
        AccessRule r = AccessRule.of(DropsAdmin.class, m);
        assertThat(r.kind()).isEqualTo(AccessRule.Kind.AUTHENTICATED);
        assertThat(AccessRule.overrideWarning(DropsAdmin.class, m, r)).hasValue(DropsAdmin.class.getName()
                + ".report overrides " + PackageBase.class.getName() + ".report and does not keep its rule"
                + " (@RolesAllowed[admin] there, any valid token here): the annotations of an overridden method and"
                + " of its class do not apply to the override (Jakarta Annotations 2.1 §2.1); annotate the override");
    }

    @Test
    void overrideWarningWhenOverrideAnnotatedOrNothingOverriddenThenEmpty() throws Exception {
        Method open = AdminOnly.class.getMethod("open");
        assertThat(AccessRule.overrideWarning(AdminOnly.class, open, rule(AdminOnly.class, "open"))).isEmpty();
        Method read = AnnotatedSub.class.getMethod("read");
        assertThat(AccessRule.overrideWarning(AnnotatedSub.class, read, AccessRule.of(AnnotatedSub.class, read)))
                .isEmpty();
    }
}
