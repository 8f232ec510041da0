package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.DpopProofs;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import jakarta.ws.rs.core.Application;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RFC 9449 over real HTTP through the JAX-RS feature (which authenticates before matching), with
 * proofs made with the JCA alone ({@link DpopProofs}) against the URL the implementation reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DpopFeatureSuite {
    private static final KeyEntry ENC = TestKeys.oct("enc", 32);
    private static final KeyEntry SIG = TestKeys.oct("sig", 32);
    private static final String ALGS = "algs=\"ES256 PS256 RS256 EdDSA\"";
    private static final DpopProofs.ClientKey CLIENT = DpopProofs.ec();
    private static final DpopProofs.ClientKey OTHER = DpopProofs.ec();

    private TestServer server;

    abstract AutoCloseable install(ServletHost.Context context, Application app) throws Exception;

    @BeforeAll
    void start() throws Exception {
        JweTokenValidator validator = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(SIG)).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).build();
        server = TestServer.start(new JettyEe10Host(), this::install, new TestApplication(Set.of(TestResources.Api.class),
                Set.of(new JweFeature(validator)), Map.of("jwe.dpop", "allowed")), ctx -> { });
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String token(String jkt) {
        Map<String, Object> claims = new LinkedHashMap<>(TokenIssuer.claims(Clock.systemUTC()).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).subject("alice").expiresIn(Duration.ofMinutes(10)).build());
        claims.put("cnf", Map.of("jkt", jkt));
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    private DpopProofs.Proof proof(DpopProofs.ClientKey key, String method, String path, String token) {
        return DpopProofs.proof(key, method, server.uri(path).toString(), token, Instant.now());
    }

    private HttpResponse<String> dpop(String path, String token, String proof) throws Exception {
        return server.get(path, "Authorization", "DPoP " + token, "DPoP", proof);
    }

    private static void assertRefused(HttpResponse<String> r, Reason reason) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("DPoP error=\"" + reason.bearerError().code() + "\", " + ALGS);
        assertThat(r.body()).contains("\"reason\":\"" + reason.name() + "\"");
    }

    @Test
    void getWhenValidProofThenResourceSeesPrincipal() throws Exception {
        String t = token(CLIENT.thumbprint());
        HttpResponse<String> r = dpop("/api/me?x=1", t, proof(CLIENT, "GET", "/api/me", t).sign());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).startsWith("principal=alice ");
    }

    @Test
    void getWhenProofForAnotherMethodOrUrlThenInvalidDpopProof() throws Exception {
        String t = token(CLIENT.thumbprint());
        assertRefused(dpop("/api/me", t, proof(CLIENT, "POST", "/api/me", t).sign()), Reason.DPOP_PROOF_MISMATCH);
        assertRefused(dpop("/api/me", t, proof(CLIENT, "GET", "/api/users", t).sign()), Reason.DPOP_PROOF_MISMATCH);
    }

    @Test
    void getWhenProofReplayedOrByAnotherKeyThenInvalidDpopProof() throws Exception {
        String t = token(CLIENT.thumbprint());
        String p = proof(CLIENT, "GET", "/api/me", t).sign();
        assertThat(dpop("/api/me", t, p).statusCode()).isEqualTo(200);
        assertRefused(dpop("/api/me", t, p), Reason.DPOP_PROOF_REPLAYED);
        assertRefused(dpop("/api/me", t, proof(OTHER, "GET", "/api/me", t).sign()), Reason.DPOP_KEY_MISMATCH);
    }

    @Test
    void getWhenBoundTokenAsBearerThenInvalidTokenWithBothChallenges() throws Exception {
        HttpResponse<String> r = server.get("/api/me", "Authorization", "Bearer " + token(CLIENT.thumbprint()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer realm=\"api\", error=\"invalid_token\"").endsWith("DPoP " + ALGS);
        assertThat(r.body()).contains("\"reason\":\"DPOP_BOUND_TOKEN\"");
    }
}
