package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.DpopProofs;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 9449 over real HTTP through the Servlet filter: proofs made with the JCA alone
 * ({@link DpopProofs}) against the URL the container reports. {@code /api/*} allows both schemes,
 * {@code /nonce/*} requires DPoP with server nonces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DpopSuite {
    private static final KeyEntry ENC = TestKeys.oct("enc", 32);
    private static final KeyEntry SIG = TestKeys.oct("sig", 32);
    private static final String ALGS = "algs=\"ES256 PS256 RS256 EdDSA\"";
    private static final DpopProofs.ClientKey CLIENT = DpopProofs.ec();
    private static final DpopProofs.ClientKey OTHER = DpopProofs.ec();

    private ServletContainer.Running server;
    private Http http;

    abstract ServletContainer container();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        JweTokenValidator validator = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(SIG)).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).build();
        ServletContainerInitializer init = (classes, context) -> {
            context.addServlet("echo", new EchoServlet()).addMapping("/api/*", "/nonce/*");
            FilterRegistration.Dynamic jwe = context.addFilter("jwe", new JweAuthenticationFilter(validator));
            jwe.setInitParameter("jwe.dpop", "allowed");
            jwe.addMappingForUrlPatterns(null, false, "/api/*");
            FilterRegistration.Dynamic nonce = context.addFilter("jwe-nonce", new JweAuthenticationFilter(validator));
            nonce.setInitParameter("jwe.dpop", "required");
            nonce.setInitParameter("jwe.dpop.nonce", "true");
            nonce.setInitParameter("jwe.dpop.nonce.key", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=");
            nonce.addMappingForUrlPatterns(null, false, "/nonce/*");
        };
        server = container().start(new ServletContainer.Programmatic(init), dir);
        http = new Http(server.base());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    static String token(String jkt) {
        Map<String, Object> claims = new LinkedHashMap<>(TokenIssuer.claims(Clock.systemUTC()).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).subject("alice").expiresIn(Duration.ofMinutes(10)).build());
        if (jkt != null) {
            claims.put("cnf", Map.of("jkt", jkt));
        }
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    private String url(String path) {
        return server.base() + path;
    }

    private DpopProofs.Proof proof(DpopProofs.ClientKey key, String method, String path, String token) {
        return DpopProofs.proof(key, method, url(path), token, Instant.now());
    }

    private Http.Reply dpop(String path, String token, String proof) {
        return http.get(path, "Authorization", "DPoP " + token, "DPoP", proof);
    }

    private static void assertRefused(Http.Reply r, Reason reason, String error) {
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).get().asString().contains("DPoP error=\"" + error + "\", " + ALGS);
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.body()).contains("\"reason\":\"" + reason.name() + "\"");
    }

    @Test
    void requestWhenValidProofThenAuthenticatedAsTheTokenSubject() {
        String t = token(CLIENT.thumbprint());
        Http.Reply r = dpop("/api/orders?page=2", t, proof(CLIENT, "GET", "/api/orders", t).sign());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.echo()).containsEntry("principal", "alice");
    }

    @Test
    void requestWhenProofForAnotherMethodUrlOrTokenThenInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        assertRefused(dpop("/api/orders", t, proof(CLIENT, "POST", "/api/orders", t).sign()),
                Reason.DPOP_PROOF_MISMATCH, "invalid_dpop_proof");
        assertRefused(dpop("/api/orders", t, proof(CLIENT, "GET", "/api/other", t).sign()),
                Reason.DPOP_PROOF_MISMATCH, "invalid_dpop_proof");
        assertRefused(dpop("/api/orders", t, proof(CLIENT, "GET", "/api/orders", token(CLIENT.thumbprint())).sign()),
                Reason.DPOP_PROOF_MISMATCH, "invalid_dpop_proof");
    }

    @Test
    void requestWhenProofStaleOrFromTheFutureThenInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        long now = Instant.now().getEpochSecond();
        assertRefused(dpop("/api/orders", t, proof(CLIENT, "GET", "/api/orders", t).claim("iat", now - 300).sign()),
                Reason.DPOP_PROOF_EXPIRED, "invalid_dpop_proof");
        assertRefused(dpop("/api/orders", t, proof(CLIENT, "GET", "/api/orders", t).claim("iat", now + 300).sign()),
                Reason.DPOP_PROOF_EXPIRED, "invalid_dpop_proof");
    }

    @Test
    void requestWhenProofReplayedThenSecondUseInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        String p = proof(CLIENT, "GET", "/api/orders", t).sign();
        assertThat(dpop("/api/orders", t, p).status()).isEqualTo(200);
        assertRefused(dpop("/api/orders", t, p), Reason.DPOP_PROOF_REPLAYED, "invalid_dpop_proof");
    }

    @Test
    void requestWhenJwkPrivateSymmetricAlgOrNoneThenInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        assertRefused(dpop("/api/orders", t, proof(CLIENT, "GET", "/api/orders", t)
                .jwkMember("d", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").sign()),
                Reason.DPOP_PROOF_INVALID, "invalid_dpop_proof");
        assertRefused(dpop("/api/orders", t, proof(CLIENT, "GET", "/api/orders", t)
                .hmac("a-shared-secret-of-32-bytes-len!").sign()), Reason.DPOP_PROOF_INVALID, "invalid_dpop_proof");
        assertRefused(dpop("/api/orders", t, proof(CLIENT, "GET", "/api/orders", t).none().sign()),
                Reason.DPOP_PROOF_INVALID, "invalid_dpop_proof");
    }

    @Test
    void requestWhenProofKeyIsNotTheBoundKeyThenInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        assertRefused(dpop("/api/orders", t, proof(OTHER, "GET", "/api/orders", t).sign()), Reason.DPOP_KEY_MISMATCH,
                "invalid_dpop_proof");
    }

    @Test
    void requestWhenBoundTokenSentAsBearerOrWithoutProofThenRefusedWithBothChallenges() {
        String t = token(CLIENT.thumbprint());
        Http.Reply bearer = http.get("/api/orders", "Authorization", "Bearer " + t);
        assertThat(bearer.status()).isEqualTo(401);
        assertThat(bearer.header("WWW-Authenticate")).contains("Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"" + Reason.DPOP_BOUND_TOKEN.description() + "\", DPoP " + ALGS);
        assertRefused(http.get("/api/orders", "Authorization", "DPoP " + t), Reason.DPOP_PROOF_MISSING,
                "invalid_dpop_proof");
        assertThat(http.get("/api/orders").header("WWW-Authenticate")).contains("Bearer realm=\"api\", DPoP " + ALGS);
    }

    @Test
    void requestWhenNonceRequiredThenUseDpopNonceThenRetryWithTheNonceSucceeds() {
        String t = token(CLIENT.thumbprint());
        Http.Reply first = dpop("/nonce/orders", t, proof(CLIENT, "GET", "/nonce/orders", t).sign());
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.header("WWW-Authenticate")).get().asString()
                .startsWith("DPoP error=\"use_dpop_nonce\", " + ALGS);
        String nonce = first.header("DPoP-Nonce").orElseThrow();
        Http.Reply retry = dpop("/nonce/orders", t, proof(CLIENT, "GET", "/nonce/orders", t).claim("nonce", nonce).sign());
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.echo()).containsEntry("principal", "alice");
    }
}
