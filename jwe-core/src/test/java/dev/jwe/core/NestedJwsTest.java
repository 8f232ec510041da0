package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NestedJwsTest {
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");
    private static final KeyEntry OTHER = TestKeys.ec("sig-1", "P-256");
    private static final String CLAIMS = "{\"iss\":\"https://issuer.test\",\"sub\":\"alice\"}";
    private static final KeySelection SELECTION = new KeySelection(TestKeys.CLOCK);
    private static final dev.jwe.core.internal.Jca JCA = CryptoProviderSelection.select("auto");
    private static final NestedJws SIGNED_ONLY = new NestedJws(KeySource.of(TestKeys.publicOnly(SIG)), Set.of("ES256"),
            true, SELECTION, JCA);
    private static final NestedJws UNSIGNED_ALLOWED = new NestedJws(KeySource.of(TestKeys.publicOnly(SIG)),
            Set.of("ES256"), false, SELECTION, JCA);

    /** The JWE header the payload came in. */
    private static HeaderPolicy.Result outer(String alg, String cty) {
        return new HeaderPolicy.Result(new JweHeader(alg, "A256GCM", null, Map.of("alg", alg, "enc", "A256GCM")), cty,
                null);
    }

    private static String jws(String payload, Map<String, ?> headers) {
        return Forge.jws(payload, "ES256", SIG.key(), headers);
    }

    /** A JWS of the given header over {@link #CLAIMS} with a made-up signature: for checks made before verifying. */
    private static String unverified(String headerJson) {
        return Forge.b64(headerJson) + "." + Forge.b64(CLAIMS) + ".c2ln";
    }

    /** The reason {@code stage} refuses {@code payload} under a {@code dir} JWE without {@code cty}. */
    private static Reason rejection(NestedJws stage, String payload) {
        return rejection(stage, payload, outer("dir", null));
    }

    private static Reason rejection(NestedJws stage, String payload, HeaderPolicy.Result outer) {
        try {
            stage.open(payload, outer);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the payload was accepted");
    }

    @Test
    void openWhenSignedJwsThenClaimsTextAndSignatureFacts() throws Exception {
        NestedJws.Result r = SIGNED_ONLY.open(jws(CLAIMS, Map.of("kid", "sig-1", "typ", "at+jwt")),
                outer("RSA-OAEP-256", "JWT"));
        assertThat(r.claimsJson()).isEqualTo(CLAIMS);
        assertThat(r.alg()).isEqualTo("ES256");
        assertThat(r.kid()).isEqualTo("sig-1");
        assertThat(r.typ()).isEqualTo("at+jwt");
        assertThat(r.key().kid()).contains("sig-1");
    }

    @Test
    void openWhenUnsignedClaimsUnderSymmetricKeyManagementAndAllowedThenClaimsWithoutSignature() throws Exception {
        NestedJws.Result r = UNSIGNED_ALLOWED.open(CLAIMS, outer("dir", null));
        assertThat(r.claimsJson()).isEqualTo(CLAIMS);
        assertThat(r.alg()).isNull();
        assertThat(r.key()).isNull();
    }

    @Test
    void openWhenUnsignedClaimsAndNotAllowedThenUnsigned() {
        assertThat(rejection(SIGNED_ONLY, CLAIMS)).isEqualTo(Reason.UNSIGNED);
        // Anyone holding the public key can encrypt: no option accepts unsigned claims there.
        assertThat(rejection(UNSIGNED_ALLOWED, CLAIMS, outer("RSA-OAEP-256", null))).isEqualTo(Reason.UNSIGNED);
        assertThat(rejection(UNSIGNED_ALLOWED, CLAIMS, outer("ECDH-ES+A128KW", null))).isEqualTo(Reason.UNSIGNED);
        // The JWE says it carries a JWT: plain claims are not what it announced.
        assertThat(rejection(UNSIGNED_ALLOWED, CLAIMS, outer("dir", "JWT"))).isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void openWhenPayloadIsAnotherJweThenInvalidNesting() {
        assertThat(rejection(UNSIGNED_ALLOWED, "e30.AAAA.AAAA.AAAA.AAAA"))
                .isEqualTo(Reason.INVALID_NESTING);
    }

    @Test
    void openWhenJwsCarriesAnotherJoseObjectThenInvalidNesting() {
        String inner = jws(CLAIMS, Map.of());
        assertThat(rejection(SIGNED_ONLY, jws(inner, Map.of()))).isEqualTo(Reason.INVALID_NESTING);
        assertThat(rejection(SIGNED_ONLY, jws("e30.AAAA.AAAA.AAAA.AAAA", Map.of())))
                .isEqualTo(Reason.INVALID_NESTING);
        assertThat(rejection(SIGNED_ONLY, jws(CLAIMS, Map.of("cty", "JWT"))))
                .isEqualTo(Reason.INVALID_NESTING);
    }

    @Test
    void openWhenClaimValuesHoldDotsThenStillClaims() throws Exception {
        String dotted = "{\"iss\":\"https://a.b.c\",\"email\":\"x.y@z.test\"}";
        assertThat(SIGNED_ONLY.open(jws(dotted, Map.of()), outer("dir", null)).claimsJson()).isEqualTo(dotted);
        assertThat(UNSIGNED_ALLOWED.open(" \n" + dotted, outer("dir", null)).claimsJson()).isEqualTo(" \n" + dotted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES384", "none", "HS256"})
    void openWhenJwsAlgNotListedOrRefusedThenUnsupportedAlgorithm(String alg) {
        assertThat(rejection(SIGNED_ONLY, unverified("{\"alg\":\"" + alg + "\"}")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void openWhenRefusedJwsAlgIsInTheListAnywayThenUnsupportedAlgorithm() {
        // The compiler never lists none; the stage refuses it on its own as well.
        NestedJws careless = new NestedJws(KeySource.of(TestKeys.publicOnly(SIG)), Set.of("none"), true,
                SELECTION, JCA);
        assertThat(rejection(careless, unverified("{\"alg\":\"none\"}"))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void openWhenJwsHeaderMalformedThenMalformed() {
        assertThat(rejection(SIGNED_ONLY, unverified("{\"kid\":\"sig-1\"}"))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(SIGNED_ONLY, unverified("[1]"))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(SIGNED_ONLY, jws(CLAIMS, Map.of("kid", "k".repeat(257)))))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void openWhenJwsTypNotAStringThenInvalidType() {
        assertThat(rejection(SIGNED_ONLY, jws(CLAIMS, Map.of("typ", 1))))
                .isEqualTo(Reason.INVALID_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwk", "x5c", "jku", "b64", "crit"})
    void openWhenJwsHeaderHasRefusedMemberThenUnsupportedHeader(String member) {
        assertThat(rejection(SIGNED_ONLY, unverified("{\"alg\":\"ES256\",\"" + member + "\":\"x\"}")))
                .isEqualTo(Reason.UNSUPPORTED_HEADER);
    }

    @Test
    void openWhenSignatureEmptyOrByAnotherKeyThenInvalidSignature() {
        String signed = jws(CLAIMS, Map.of("kid", "sig-1"));
        String stripped = signed.substring(0, signed.lastIndexOf('.') + 1);
        assertThat(rejection(SIGNED_ONLY, stripped)).isEqualTo(Reason.INVALID_SIGNATURE);
        String forged = Forge.jws(CLAIMS, "ES256", OTHER.key(), Map.of("kid", "sig-1"));
        assertThat(rejection(SIGNED_ONLY, forged)).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void openWhenNoVerificationKeysOrKidUnknownThenUnknownKey() {
        NestedJws noKeys = new NestedJws((KeySource) null, Set.of("ES256"), false, SELECTION, JCA);
        assertThat(rejection(noKeys, jws(CLAIMS, Map.of()))).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(SIGNED_ONLY, jws(CLAIMS, Map.of("kid", "sig-2"))))
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void isJsonObjectTextWhenLeadingWhitespaceThenBraceDecides() {
        assertThat(NestedJws.isJsonObjectText(" \t\r\n{}")).isTrue();
        assertThat(NestedJws.isJsonObjectText("e30.e30.c2ln")).isFalse();
        assertThat(NestedJws.isJsonObjectText("  ")).isFalse();
        assertThat(NestedJws.isJsonObjectText("")).isFalse();
    }
}
