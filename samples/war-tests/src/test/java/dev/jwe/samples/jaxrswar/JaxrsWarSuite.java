package dev.jwe.samples.jaxrswar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.samples.wars.DeployedWarSuite;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code jwe-sample-jaxrs-war.war}: the {@code Application} class registers {@code JweFeature}
 * with the audience and realm, Jersey runs from {@code WEB-INF/lib}; the deployment gives keys
 * and issuer.
 */
abstract class JaxrsWarSuite extends DeployedWarSuite {
    private static final String AUDIENCE = "jwe-sample-jaxrs";

    @Override
    protected String warProperty() {
        return "jaxrs.war";
    }

    @Override
    protected String contextPath() {
        return "/shop";
    }

    private HttpResponse<String> get(String path, List<String> roles, List<String> scopes) throws Exception {
        return http().get(path, "Authorization", bearer(AUDIENCE, roles, scopes));
    }

    @Test
    void whoamiWhenValidTokenThen200WithPrincipalRolesAndScopes() throws Exception {
        HttpResponse<String> r = get("api/whoami", List.of("user"), List.of("orders:read"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("principal: alice\nscheme: Bearer\nroles: user\nscopes: orders:read\n");
    }

    @Test
    void whoamiWhenNoTokenThen401ChallengeWithTheRealmOfTheApplication() throws Exception {
        HttpResponse<String> r = http().get("api/whoami");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"jaxrs-sample\"");
    }

    @Test
    void adminWhenTokenWithoutTheRoleThen403InsufficientScope() throws Exception {
        HttpResponse<String> r = get("api/admin", List.of("user"), List.of("orders:read"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer realm=\"jaxrs-sample\", error=\"insufficient_scope\""));
    }

    @Test
    void adminWhenTokenWithTheRoleThen200() throws Exception {
        HttpResponse<String> r = get("api/admin", List.of("admin"), List.of());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("admin: alice\n");
    }

    @Test
    void ordersWhenScopePresentThen200AndWhenMissingThen403NamingIt() throws Exception {
        assertThat(get("api/orders", List.of(), List.of("orders:read")).body()).isEqualTo("orders of alice: A-1001\n");

        HttpResponse<String> r = get("api/orders", List.of("admin"), List.of("profile"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .contains("error=\"insufficient_scope\"", "scope=\"orders:read\""));
    }

    @Test
    void whoamiWhenTokenForAnotherAudienceThen401InvalidToken() throws Exception {
        HttpResponse<String> r = http().get("api/whoami", "Authorization",
                bearer("jwe-sample-servlet", List.of("user"), List.of()));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .contains("error=\"invalid_token\""));
    }

    @Test
    void pingWhenPermitAllThen200WithoutToken() throws Exception {
        HttpResponse<String> r = http().get("api/ping");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("pong\n");
    }
}
