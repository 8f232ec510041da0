package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.CapturingAuditListener;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.DpopProofs;
import dev.jwe.core.JweSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9449 on the decision every adapter shares, with proofs made by {@link DpopProofs} (JCA only). */
class DpopAuthenticationTest {
    private static final KeyEntry ENC = TestKeys.oct("enc", 32);
    private static final KeyEntry SIG = TestKeys.oct("sig", 32);
    private static final String URL = "https://api.example.com/api/orders";
    private static final Instant NOW = TestKeys.NOW;
    private static final String ALGS = "algs=\"ES256 PS256 RS256 EdDSA\"";
    private static final String NONCE_KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="; // 32+ bytes

    private static final DpopProofs.ClientKey CLIENT = DpopProofs.ec();
    private static final DpopProofs.ClientKey OTHER = DpopProofs.ec();

    private final CapturingAuditListener capture = new CapturingAuditListener();
    private final JweTokenValidator validator = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
            .verificationKeys(KeySource.of(SIG)).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
            .clock(TestKeys.CLOCK).auditListener(capture).build();

    /** A request with a URL, as an adapter presents it. */
    private record Request(String method, String url, Map<String, List<String>> headerMap) implements RequestView {
        static Request of(String method, String url, String... headers) {
            Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < headers.length; i += 2) {
                m.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
            }
            return new Request(method, url, m);
        }

        @Override
        public List<String> headers(String name) {
            return headerMap.getOrDefault(name, List.of());
        }

        @Override
        public RequestInfo info() {
            return new RequestInfo("192.0.2.1", method, "/api/orders");
        }
    }

    static String token(String jkt) {
        Map<String, Object> claims = new LinkedHashMap<>(TestKeys.claims());
        if (jkt != null) {
            claims.put("cnf", Map.of("jkt", jkt));
        }
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    private HttpAuthenticator authenticator(String... settings) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            m.put(settings[i], settings[i + 1]);
        }
        return authenticator(Clock.fixed(NOW, ZoneOffset.UTC), m);
    }

    private HttpAuthenticator authenticator(Clock clock, Map<String, String> settings) {
        return HttpAuthenticator.of(validator, new AdapterOptions("api", false, false, null, null),
                SenderConstraintOptions.from(JweSettings.of(settings)), "jwe test", clock);
    }

    private static Request dpop(String token, String proof) {
        return Request.of("GET", URL, "Authorization", "DPoP " + token, "DPoP", proof);
    }

    private static DpopProofs.Proof proof(DpopProofs.ClientKey key, String token) {
        return DpopProofs.proof(key, "GET", URL, token, NOW);
    }

    private static ErrorResponse answer(Authentication a) {
        assertThat(a).isInstanceOf(Authentication.Answer.class);
        return ((Authentication.Answer) a).response();
    }

    private void assertRefused(Authentication a, Reason reason, String error) {
        ErrorResponse r = answer(a);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.headers().get(ErrorResponse.WWW_AUTHENTICATE)).contains("DPoP error=\"" + error + "\", " + ALGS);
        assertThat(capture.events()).last().satisfies(e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "PS256", "EdDSA"})
    void authenticateWhenValidProofOfEachAlgorithmThenAuthenticatedAsTheTokenSubject(String alg) {
        DpopProofs.ClientKey key = switch (alg) {
            case "ES256" -> CLIENT;
            case "EdDSA" -> DpopProofs.ed25519();
            default -> DpopProofs.rsa(alg);
        };
        String t = token(key.thumbprint());
        Authentication a = authenticator("jwe.dpop", "allowed").authenticate(dpop(t, proof(key, t).sign()));
        assertThat(a).isInstanceOfSatisfying(Authentication.Authenticated.class,
                ok -> assertThat(ok.token().confirmationKeyThumbprint()).contains(key.thumbprint()));
    }

    @Test
    void authenticateWhenProofForAnotherMethodUrlOrTokenThenInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        HttpAuthenticator a = authenticator("jwe.dpop", "required");
        assertRefused(a.authenticate(dpop(t, DpopProofs.proof(CLIENT, "POST", URL, t, NOW).sign())),
                Reason.DPOP_PROOF_MISMATCH, "invalid_dpop_proof");
        assertRefused(a.authenticate(dpop(t, DpopProofs.proof(CLIENT, "GET", URL + "/other", t, NOW).sign())),
                Reason.DPOP_PROOF_MISMATCH, "invalid_dpop_proof");
        assertRefused(a.authenticate(dpop(t, DpopProofs.proof(CLIENT, "GET", "http://api.example.com/api/orders", t,
                NOW).sign())), Reason.DPOP_PROOF_MISMATCH, "invalid_dpop_proof");
        assertRefused(a.authenticate(dpop(t, proof(CLIENT, token(CLIENT.thumbprint())).sign())),
                Reason.DPOP_PROOF_MISMATCH, "invalid_dpop_proof");
        assertRefused(a.authenticate(dpop(t, proof(CLIENT, t).claim("ath", null).sign())),
                Reason.DPOP_PROOF_INVALID, "invalid_dpop_proof");
    }

    @Test
    void authenticateWhenHtuDiffersOnlyByCaseDefaultPortOrQueryThenAuthenticated() {
        String t = token(CLIENT.thumbprint());
        HttpAuthenticator a = authenticator("jwe.dpop", "allowed");
        for (String htu : List.of("HTTPS://API.example.com:443/api/orders", URL + "?page=2#top")) {
            assertThat(a.authenticate(dpop(t, DpopProofs.proof(CLIENT, "GET", htu, t, NOW).sign())))
                    .as(htu).isInstanceOf(Authentication.Authenticated.class);
        }
    }

    @Test
    void authenticateWhenExternalBaseUrlSetThenHtuComparedWithItAndTheRequestPath() {
        String t = token(CLIENT.thumbprint());
        HttpAuthenticator a = authenticator("jwe.dpop", "allowed", "jwe.dpop.external-base-url", "https://edge.example.com/");
        Request internal = Request.of("GET", "http://10.0.0.5:8080/api/orders", "Authorization", "DPoP " + t, "DPoP",
                DpopProofs.proof(CLIENT, "GET", "https://edge.example.com/api/orders", t, NOW).sign());
        assertThat(a.authenticate(internal)).isInstanceOf(Authentication.Authenticated.class);
        assertRefused(a.authenticate(dpop(t, proof(CLIENT, t).sign())), Reason.DPOP_PROOF_MISMATCH, "invalid_dpop_proof");
    }

    @Test
    void authenticateWhenIatStaleOrInFutureBeyondMaxAgeAndSkewThenInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        HttpAuthenticator a = authenticator("jwe.dpop", "allowed");
        assertRefused(a.authenticate(dpop(t, proof(CLIENT, t).claim("iat", NOW.getEpochSecond() - 91).sign())),
                Reason.DPOP_PROOF_EXPIRED, "invalid_dpop_proof");
        assertRefused(a.authenticate(dpop(t, proof(CLIENT, t).claim("iat", NOW.getEpochSecond() + 31).sign())),
                Reason.DPOP_PROOF_EXPIRED, "invalid_dpop_proof");
        assertThat(a.authenticate(dpop(t, proof(CLIENT, t).claim("iat", NOW.getEpochSecond() - 89).sign())))
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void authenticateWhenProofReplayedThenSecondUseInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        String p = proof(CLIENT, t).sign();
        HttpAuthenticator a = authenticator("jwe.dpop", "allowed");
        assertThat(a.authenticate(dpop(t, p))).isInstanceOf(Authentication.Authenticated.class);
        assertRefused(a.authenticate(dpop(t, p)), Reason.DPOP_PROOF_REPLAYED, "invalid_dpop_proof");
        // a second adapter on the same validator shares its store
        assertRefused(authenticator("jwe.dpop", "allowed").authenticate(dpop(t, p)), Reason.DPOP_PROOF_REPLAYED,
                "invalid_dpop_proof");
    }

    @Test
    void authenticateWhenProofKeyPrivateSymmetricNoneOrWrongTypeThenInvalidDpopProof() {
        String t = token(CLIENT.thumbprint());
        HttpAuthenticator a = authenticator("jwe.dpop", "allowed");
        List<Supplier<String>> bad = List.of(
                () -> proof(CLIENT, t).jwkMember("d", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").sign(),
                () -> proof(CLIENT, t).hmac("a-shared-secret-of-32-bytes-len!").sign(),
                () -> proof(CLIENT, t).none().sign(),
                () -> proof(CLIENT, t).header("typ", "JWT").sign(),
                () -> proof(CLIENT, t).header("jwk", null).sign(),
                () -> proof(CLIENT, t).header("jwk", Map.of("kty", "oct", "k", "c2VjcmV0")).sign(),
                () -> proof(CLIENT, t).header("jwk", OTHER.jwk()).sign(),
                () -> "not.a.proof",
                () -> proof(CLIENT, t).claim("jti", null).sign());
        for (Supplier<String> p : bad) {
            assertRefused(a.authenticate(dpop(t, p.get())), Reason.DPOP_PROOF_INVALID, "invalid_dpop_proof");
        }
    }

    @Test
    void authenticateWhenAlgorithmNotInAllowListThenInvalidDpopProofAndChallengeNamesTheList() {
        String t = token(CLIENT.thumbprint());
        ErrorResponse r = answer(authenticator("jwe.dpop", "required", "jwe.dpop.algorithms", "EdDSA")
                .authenticate(dpop(t, proof(CLIENT, t).sign())));
        assertThat(r.reason()).isEqualTo(Reason.DPOP_PROOF_INVALID);
        assertThat(r.headers().get(ErrorResponse.WWW_AUTHENTICATE)).isEqualTo("DPoP error=\"invalid_dpop_proof\","
                + " algs=\"EdDSA\", error_description=\"" + Reason.DPOP_PROOF_INVALID.description() + "\"");
    }

    @Test
    void authenticateWhenProofSignedByAnotherKeyThanCnfJktThenKeyMismatch() {
        String t = token(CLIENT.thumbprint());
        assertRefused(authenticator("jwe.dpop", "allowed").authenticate(dpop(t, proof(OTHER, t).sign())),
                Reason.DPOP_KEY_MISMATCH, "invalid_dpop_proof");
    }

    @Test
    void authenticateWhenNoProofOrTwoProofsThenInvalidDpopProofWithoutOpeningTheToken() {
        String t = token(CLIENT.thumbprint());
        HttpAuthenticator a = authenticator("jwe.dpop", "allowed");
        assertRefused(a.authenticate(Request.of("GET", URL, "Authorization", "DPoP " + t)), Reason.DPOP_PROOF_MISSING,
                "invalid_dpop_proof");
        String p = proof(CLIENT, t).sign();
        assertRefused(a.authenticate(Request.of("GET", URL, "Authorization", "DPoP " + t, "DPoP", p, "DPoP", p)),
                Reason.DPOP_PROOF_MISSING, "invalid_dpop_proof");
        assertThat(capture.events()).allSatisfy(e -> assertThat(e.subject()).isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "allowed"})
    void authenticateWhenBoundTokenSentAsBearerThenRefusedWhateverTheSetting(String mode) {
        String t = token(CLIENT.thumbprint());
        ErrorResponse r = answer(authenticator("jwe.dpop", mode).authenticate(
                Request.of("GET", URL, "Authorization", "Bearer " + t, "DPoP", proof(CLIENT, t).sign())));
        assertThat(r.reason()).isEqualTo(Reason.DPOP_BOUND_TOKEN);
        assertThat(r.headers().get(ErrorResponse.WWW_AUTHENTICATE))
                .startsWith("Bearer realm=\"api\", error=\"invalid_token\"");
    }

    @Test
    void authenticateWhenBothSchemesAllowedThenBothChallenges() {
        ErrorResponse none = answer(authenticator("jwe.dpop", "allowed").authenticate(Request.of("GET", URL)));
        assertThat(none.headers().get(ErrorResponse.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"api\", DPoP " + ALGS);
        String t = token(CLIENT.thumbprint());
        ErrorResponse bad = answer(authenticator("jwe.dpop", "allowed").authenticate(dpop(t, proof(OTHER, t).sign())));
        assertThat(bad.headers().get(ErrorResponse.WWW_AUTHENTICATE))
                .startsWith("Bearer realm=\"api\", DPoP error=\"invalid_dpop_proof\", " + ALGS);
    }

    @Test
    void authenticateWhenUnboundTokenSentWithDpopSchemeThenInvalidToken() {
        String t = token(null);
        assertRefused(authenticator("jwe.dpop", "allowed").authenticate(dpop(t, proof(CLIENT, t).sign())),
                Reason.DPOP_UNBOUND_TOKEN, "invalid_token");
    }

    @Test
    void authenticateWhenRequiredAndBearerTokenThenRefusedWithDpopChallengeOnly() {
        String t = token(null);
        ErrorResponse r = answer(authenticator("jwe.dpop", "required").authenticate(
                Request.of("GET", URL, "Authorization", "Bearer " + t)));
        assertThat(r.reason()).isEqualTo(Reason.DPOP_REQUIRED);
        assertThat(r.headers().get(ErrorResponse.WWW_AUTHENTICATE)).startsWith("DPoP error=\"invalid_token\", " + ALGS);
        ErrorResponse none = answer(authenticator("jwe.dpop", "required").authenticate(Request.of("GET", URL)));
        assertThat(none.headers().get(ErrorResponse.WWW_AUTHENTICATE)).isEqualTo("DPoP " + ALGS);
    }

    @Test
    void authenticateWhenDpopOffThenDpopSchemeIsNotAToken() {
        String t = token(CLIENT.thumbprint());
        assertThat(answer(authenticator().authenticate(dpop(t, proof(CLIENT, t).sign()))).reason())
                .isEqualTo(Reason.MISSING_TOKEN);
    }

    @Test
    void authenticateWhenNonceRequiredThenUseDpopNonceWithHeaderAndRetryWithItSucceedsOnAnotherReplica() {
        String t = token(CLIENT.thumbprint());
        HttpAuthenticator a = authenticator("jwe.dpop", "allowed", "jwe.dpop.nonce", "true", "jwe.dpop.nonce.key", NONCE_KEY);
        ErrorResponse first = answer(a.authenticate(dpop(t, proof(CLIENT, t).sign())));
        assertRefused(new Authentication.Answer(first), Reason.DPOP_NONCE_REQUIRED, "use_dpop_nonce");
        String nonce = first.headers().get(ErrorResponse.DPOP_NONCE);
        assertThat(nonce).isNotBlank();
        HttpAuthenticator replica = authenticator(Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC), Map.of("jwe.dpop",
                "allowed", "jwe.dpop.nonce", "true", "jwe.dpop.nonce.key", NONCE_KEY));
        assertThat(replica.authenticate(dpop(t, proof(CLIENT, t).claim("nonce", nonce).sign())))
                .isInstanceOf(Authentication.Authenticated.class);
        String forged = nonce.substring(0, 20) + (nonce.charAt(20) == 'A' ? 'B' : 'A') + nonce.substring(21);
        assertRefused(a.authenticate(dpop(t, proof(CLIENT, t).claim("nonce", forged).sign())),
                Reason.DPOP_NONCE_REQUIRED, "use_dpop_nonce");
        HttpAuthenticator later = authenticator(Clock.fixed(NOW.plusSeconds(200), ZoneOffset.UTC), Map.of("jwe.dpop",
                "allowed", "jwe.dpop.nonce", "true", "jwe.dpop.nonce.key", NONCE_KEY));
        assertThat(answer(later.authenticate(dpop(t, DpopProofs.proof(CLIENT, "GET", URL, t, NOW.plusSeconds(200))
                .claim("nonce", nonce).sign()))).reason()).isEqualTo(Reason.DPOP_NONCE_REQUIRED);
    }

    @Test
    void fromWhenNonceWithoutKeyOrBadSettingsThenStartFailsNamingTheSetting() {
        assertThatThrownBy(() -> SenderConstraintOptions.from(JweSettings.of(Map.of("jwe.dpop", "allowed",
                "jwe.dpop.nonce", "true")))).isInstanceOf(ConfigurationException.class).hasMessageContaining("jwe.dpop.nonce.key");
        assertThatThrownBy(() -> SenderConstraintOptions.from(JweSettings.of(Map.of("jwe.dpop", "yes"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("jwe.dpop");
        assertThatThrownBy(() -> SenderConstraintOptions.from(JweSettings.of(Map.of("jwe.dpop.algorithms", "HS256"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("jwe.dpop.algorithms");
        assertThatThrownBy(() -> SenderConstraintOptions.from(JweSettings.of(Map.of("jwe.dpop.external-base-url",
                "https://edge.example.com/api?x")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwe.dpop.external-base-url");
        assertThatThrownBy(() -> SenderConstraintOptions.from(JweSettings.of(Map.of("jwe.dpop", "allowed",
                "jwe.dpop.nonce", "true", "jwe.dpop.nonce.key", "c2hvcnQ=")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwe.dpop.nonce.key").hasMessageNotContaining("c2hvcnQ");
    }
}
