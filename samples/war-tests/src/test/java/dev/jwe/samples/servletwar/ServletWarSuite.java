package dev.jwe.samples.servletwar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.samples.SampleAssertions;
import dev.jwe.samples.wars.DeployedWarSuite;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code jwe-sample-servlet-war.war}: {@code web.xml} declares the filter (realm, excluded path),
 * the audience and the JWKS servlet; the deployment gives keys and issuer.
 */
abstract class ServletWarSuite extends DeployedWarSuite {
    private static final String AUDIENCE = "jwe-sample-servlet";

    @Override
    protected String warProperty() {
        return "servlet.war";
    }

    @Override
    protected String contextPath() {
        return "/orders";
    }

    @Test
    void whoamiWhenValidTokenThen200WithThePrincipalTheFilterSet() throws Exception {
        HttpResponse<String> r = http().get("api/whoami", "Authorization", bearer(AUDIENCE, List.of("admin"), List.of()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("principal: alice\nauth-type: Bearer\nadmin: true\n");
    }

    @Test
    void whoamiWhenNoTokenThen401ChallengeWithTheRealmFromWebXml() throws Exception {
        HttpResponse<String> r = http().get("api/whoami");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"servlet-sample\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void whoamiWhenTokenForAnotherAudienceThen401InvalidToken() throws Exception {
        HttpResponse<String> r = http().get("api/whoami", "Authorization",
                bearer("jwe-sample-jaxrs", List.of("admin"), List.of()));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer realm=\"servlet-sample\", error=\"invalid_token\""));
        assertThat(SampleAssertions.json(r.body()).getString("reason")).isEqualTo("INVALID_AUDIENCE");
    }

    @Test
    void pingWhenExcludedInWebXmlThen200WithoutToken() throws Exception {
        HttpResponse<String> r = http().get("api/ping");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("principal: (none)\n");
    }

    @Test
    void jwksWhenRequestedThenOnlyThePublicHalfOfTheDeployedDecryptionKey() throws Exception {
        HttpResponse<String> r = http().get(".well-known/jwks.json");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/jwk-set+json"));
        SampleAssertions.assertPublicEncryptionKeyOnly(r.body(), keys().encryptionKeyId());
    }
}
