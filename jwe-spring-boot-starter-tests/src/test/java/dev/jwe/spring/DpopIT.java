package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jwe.core.AuditEvent;
import dev.jwe.core.Reason;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DPoP (RFC 9449) in a Spring application with {@code jwe.dpop=allowed}: Spring Security's own DPoP
 * filter takes {@code Authorization: DPoP} requests and calls the starter's decoder, which adds
 * jwe's checks (proof jti in the replay store, the token's {@code cnf.jkt}); Bearer requests keep
 * going through the starter's resolver, and a bound token sent as Bearer is refused. Proofs are
 * made with Nimbus JOSE, independently of jwe.
 */
@SpringBootTest(classes = {OrdersApplication.class, ApiWithoutCsrf.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DpopIT {
    private static final Tokens TOKENS = Tokens.get();
    private static final ECKey CLIENT = key();
    private static final ECKey OTHER = key();

    @Value("${local.server.port}")
    int port;
    @Autowired
    AuditEvents audit;

    @DynamicPropertySource
    static void jwe(DynamicPropertyRegistry registry) {
        Tokens.register(registry);
        registry.add("jwe.dpop", () -> "allowed");
    }

    private static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bound(ECKey key) throws Exception {
        String jkt = key.computeThumbprint().toString();
        return TOKENS.token(java.time.Clock.systemUTC(), c -> c.claim("cnf", Map.of("jkt", jkt))
                .scopes(List.of("orders:read")));
    }

    private String proof(ECKey key, String method, String path, String token) throws Exception {
        String ath = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                .claim("htm", method).claim("htu", "http://127.0.0.1:" + port + path).issueTime(new Date())
                .claim("ath", ath).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> dpop(String token, String proof) throws Exception {
        return Http.get(port, "/orders", "Authorization", "DPoP " + token, "DPoP", proof);
    }

    @BeforeEach
    void forgetEarlierEvents() {
        audit.clear();
    }

    @Test
    void getWhenBoundTokenWithValidProofThen200() throws Exception {
        String token = bound(CLIENT);
        HttpResponse<String> r = dpop(token, proof(CLIENT, "GET", "/orders", token));
        assertThat(r.statusCode()).as(r.headers().map().toString()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("orders");
    }

    @Test
    void getWhenProofReplayedThen401InvalidDpopProofAndAudited() throws Exception {
        String token = bound(CLIENT);
        String p = proof(CLIENT, "GET", "/orders", token);
        assertThat(dpop(token, p).statusCode()).isEqualTo(200);
        audit.clear();
        HttpResponse<String> again = dpop(token, p);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("DPoP error=\"invalid_dpop_proof\"")
                .contains("error_description=\"" + Reason.DPOP_PROOF_REPLAYED.description() + "\"");
        assertThat(audit.take()).extracting(AuditEvent::reason).contains(Reason.DPOP_PROOF_REPLAYED);
    }

    @Test
    void getWhenProofForAnotherUrlOrKeyThen401InvalidDpopProof() throws Exception {
        String token = bound(CLIENT);
        HttpResponse<String> url = dpop(token, proof(CLIENT, "GET", "/admin", token));
        assertThat(url.statusCode()).isEqualTo(401);
        assertThat(url.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error_description=\"" + Reason.DPOP_PROOF_MISMATCH.description() + "\"");
        HttpResponse<String> key = dpop(token, proof(OTHER, "GET", "/orders", token));
        assertThat(key.statusCode()).isEqualTo(401);
        assertThat(key.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error_description=\"" + Reason.DPOP_KEY_MISMATCH.description() + "\"");
    }

    @Test
    void getWhenBoundTokenSentAsBearerThen401InvalidToken() throws Exception {
        HttpResponse<String> r = Http.getWithToken(port, "/orders", bound(CLIENT));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"invalid_token\"")
                .contains("error_description=\"" + Reason.DPOP_BOUND_TOKEN.description() + "\"");
        assertThat(audit.take()).extracting(AuditEvent::reason).contains(Reason.DPOP_BOUND_TOKEN);
    }

    @Test
    void getWhenUnboundTokenAsBearerThen200() throws Exception {
        assertThat(Http.getWithToken(port, "/orders", TOKENS.token(List.of(), List.of("orders:read"))).statusCode())
                .isEqualTo(200);
    }
}
