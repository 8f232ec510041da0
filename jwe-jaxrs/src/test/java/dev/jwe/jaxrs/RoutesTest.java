package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.junit.jupiter.api.Test;

class RoutesTest {

    @Path("/shop/")
    public static class Shop {
        @GET
        public String list() {
            return "list";
        }

        @GET
        @Path("{id}")
        @RolesAllowed("admin")
        public String byId(@PathParam("id") String id) {
            return id;
        }

        @GET
        @Path("open")
        @PermitAll
        public String open() {
            return "open";
        }

        @POST
        @Path("open")
        public String post() {
            return "post";
        }

        @Path("{id}/items")
        @PermitAll
        public Object items(@PathParam("id") String id) {
            return null;
        }
    }

    /** A sub-resource: no @Path on the class. */
    public static class Sub {
        @GET
        @PermitAll
        public String get() {
            return "get";
        }
    }

    private final AccessRules rules = new AccessRules();

    private Routes.Reached reach(String method, String path) {
        rules.routes().add(Shop.class, true);
        rules.routes().add(Sub.class, true);
        return rules.routes().reach(method, path);
    }

    @Test
    void reachWhenLiteralAndTemplateMatchThenLiteralWins() {
        assertThat(reach("GET", "/shop/open").rules()).extracting(AccessRule::kind).containsExactly(AccessRule.Kind.PERMIT_ALL);
        assertThat(reach("GET", "/shop/7").rules()).extracting(AccessRule::kind).containsExactly(AccessRule.Kind.RESTRICTED);
    }

    @Test
    void reachWhenHttpMethodDiffersThenItsOwnMethodOrNothing() {
        assertThat(reach("POST", "/shop/open").rules()).extracting(AccessRule::kind)
                .containsExactly(AccessRule.Kind.AUTHENTICATED);
        assertThat(reach("DELETE", "/shop/open").rules()).isEmpty();
        assertThat(reach("HEAD", "/shop/open").rules()).extracting(AccessRule::kind)
                .containsExactly(AccessRule.Kind.PERMIT_ALL);
    }

    @Test
    void reachWhenPathIsClassPathThenResourceMethod() {
        assertThat(reach("GET", "/shop").rules()).extracting(AccessRule::kind).containsExactly(AccessRule.Kind.AUTHENTICATED);
        assertThat(reach("GET", "/shop/").rules()).extracting(AccessRule::kind).containsExactly(AccessRule.Kind.AUTHENTICATED);
    }

    @Test
    void reachWhenLocatorMatchesThenLocatorRuleAndNothingBeyond() {
        Routes.Reached r = reach("GET", "/shop/7/items/anything/below");
        assertThat(r.locator()).isTrue();
        assertThat(r.rules()).extracting(AccessRule::kind).containsExactly(AccessRule.Kind.PERMIT_ALL);
    }

    @Test
    void reachWhenNoRootOrSubResourceOnlyThenNothing() {
        assertThat(reach("GET", "/elsewhere").rules()).isEmpty();
        assertThat(reach("GET", "/").rules()).isEmpty();
        assertThat(reach("GET", "/shopping").rules()).isEmpty();
    }

    @Test
    void parseWhenVariableHasRegexWithBracesThenWholeRegexKept() {
        Routes.Template t = Routes.Template.parse("/y/{year: [0-9]{4}}/x");
        assertThat(t.pattern().matcher("/y/2024/x").matches()).isTrue();
        assertThat(t.pattern().matcher("/y/20245/x").matches()).isFalse();
        assertThat(t.literals()).isEqualTo(5);
        assertThat(t.variables()).isEqualTo(1);
        assertThat(t.explicitRegexes()).isEqualTo(1);
    }

    @Test
    void parseWhenVariableUnclosedThenFailsNamingPath() {
        assertThatThrownBy(() -> Routes.Template.parse("a/{id")).hasMessageContaining("@Path(\"a/{id\")");
    }

    @Test
    void encodeWhenLiteralHasCharactersOutsidePathThenPercentEncoded() {
        assertThat(Routes.Template.encode("a b/ü;x=1%2F%zz")).isEqualTo("a%20b/%C3%BC;x=1%2F%25zz");
    }
}
