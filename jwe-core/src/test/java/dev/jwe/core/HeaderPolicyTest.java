package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.Compact;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderPolicyTest {
    private static final HeaderPolicy EVERY_SUPPORTED = new HeaderPolicy(Set.copyOf(Algorithms.KEY_MANAGEMENT),
            Set.copyOf(Algorithms.CONTENT_ENCRYPTION));
    private static final HeaderPolicy RSA_GCM = new HeaderPolicy(Set.of("RSA-OAEP-256"), Set.of("A256GCM"));
    private static final String RSA = "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"";
    private static final String DIR = "{\"alg\":\"dir\",\"enc\":\"A256GCM\"";

    /** A token of the given header and decoded segment lengths (zero bytes: only the shape counts here). */
    private static Compact jwe(String header, int encryptedKey, int iv, int ciphertext, int tag) {
        return Compact.parse(String.join(".", Forge.b64(header), Forge.b64(new byte[encryptedKey]),
                Forge.b64(new byte[iv]), Forge.b64(new byte[ciphertext]), Forge.b64(new byte[tag])), 5);
    }

    private static HeaderPolicy.Result check(HeaderPolicy policy, Compact jwe) throws TokenRejectedException {
        return policy.check(JweHeader.read(jwe), jwe);
    }

    private static Reason rejection(HeaderPolicy policy, Compact jwe) {
        try {
            check(policy, jwe);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the header passed");
    }

    @Test
    void checkWhenListedAndWellShapedThenPassesWithHeader() throws Exception {
        HeaderPolicy.Result r = check(RSA_GCM, jwe(RSA + ",\"kid\":\"enc-1\"}", 256, 12, 40, 16));
        assertThat(r.header().alg()).isEqualTo("RSA-OAEP-256");
        assertThat(r.header().kid()).isEqualTo("enc-1");
        assertThat(r.cty()).isNull();
        assertThat(r.epkCurve()).isNull();
    }

    @Test
    void checkWhenAlgOrEncAbsentThenMalformed() {
        assertThat(rejection(RSA_GCM, jwe("{\"enc\":\"A256GCM\"}", 256, 12, 40, 16))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(RSA_GCM, jwe("{\"alg\":\"RSA-OAEP-256\"}", 256, 12, 40, 16))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void checkWhenAlgOrEncNotListedThenUnsupportedAlgorithm() {
        assertThat(rejection(RSA_GCM, jwe("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}", 256, 12, 40, 16)))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(rejection(RSA_GCM, jwe("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A128GCM\"}", 256, 12, 40, 16)))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA1_5", "PBES2-HS256+A128KW", "none", "NONE"})
    void checkWhenRefusedAlgorithmIsInTheListAnywayThenUnsupportedAlgorithm(String alg) {
        // The compiler never lists them; the stage refuses them on its own as well.
        HeaderPolicy careless = new HeaderPolicy(Set.of(alg), Set.of("A256GCM"));
        assertThat(rejection(careless, jwe("{\"alg\":\"" + alg + "\",\"enc\":\"A256GCM\"}", 256, 12, 40, 16)))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "crit", "jku", "x5u", "jwk", "x5c", "b64"})
    void checkWhenRefusedMemberPresentThenUnsupportedHeader(String member) {
        assertThat(rejection(RSA_GCM, jwe(RSA + ",\"" + member + "\":\"x\"}", 256, 12, 40, 16)))
                .isEqualTo(Reason.UNSUPPORTED_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "application/jwt", "APPLICATION/JWT"})
    void checkWhenCtySaysJwtThenPassesWithCty(String cty) throws Exception {
        assertThat(check(RSA_GCM, jwe(RSA + ",\"cty\":\"" + cty + "\"}", 256, 12, 40, 16)).cty()).isEqualTo(cty);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"json\"", "\"application/json\"", "\"JWE\"", "1", "[\"JWT\"]"})
    void checkWhenCtyIsAnythingElseThenUnsupportedHeader(String cty) {
        assertThat(rejection(RSA_GCM, jwe(RSA + ",\"cty\":" + cty + "}", 256, 12, 40, 16)))
                .isEqualTo(Reason.UNSUPPORTED_HEADER);
    }

    @Test
    void checkWhenAlgNotListedAndRefusedMemberThenAlgorithmIsReported() {
        assertThat(rejection(RSA_GCM, jwe("{\"alg\":\"A256KW\",\"enc\":\"A256GCM\",\"zip\":\"DEF\"}", 40, 12, 40, 16)))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void checkWhenEncryptedKeySegmentDoesNotFitAlgThenMalformed() throws Exception {
        assertThat(rejection(EVERY_SUPPORTED, jwe(DIR + "}", 32, 12, 40, 16))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe(RSA + "}", 0, 12, 40, 16))).isEqualTo(Reason.MALFORMED);
        assertThat(check(EVERY_SUPPORTED, jwe(DIR + "}", 0, 12, 40, 16)).header().alg()).isEqualTo("dir");
    }

    @Test
    void checkWhenIvCiphertextOrTagOfWrongLengthThenMalformed() throws Exception {
        assertThat(rejection(EVERY_SUPPORTED, jwe(DIR + "}", 0, 16, 40, 16))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe(DIR + "}", 0, 12, 0, 16))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe(DIR + "}", 0, 12, 40, 12))).isEqualTo(Reason.MALFORMED);
        String cbc = "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\"}";
        assertThat(check(EVERY_SUPPORTED, jwe(cbc, 0, 16, 48, 32)).header().enc()).isEqualTo("A256CBC-HS512");
        assertThat(rejection(EVERY_SUPPORTED, jwe(cbc, 0, 12, 48, 32))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe(cbc, 0, 16, 48, 16))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void checkWhenGcmKeyWrapIvOrTagMemberOfWrongLengthThenMalformed() throws Exception {
        String iv12 = Forge.b64(new byte[12]);
        String tag16 = Forge.b64(new byte[16]);
        String gcmkw = "{\"alg\":\"A256GCMKW\",\"enc\":\"A256GCM\"";
        assertThat(check(EVERY_SUPPORTED, jwe(gcmkw + ",\"iv\":\"" + iv12 + "\",\"tag\":\"" + tag16 + "\"}",
                32, 12, 40, 16)).header().alg()).isEqualTo("A256GCMKW");
        assertThat(rejection(EVERY_SUPPORTED, jwe(gcmkw + ",\"tag\":\"" + tag16 + "\"}", 32, 12, 40, 16)))
                .isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe(gcmkw + ",\"iv\":\"" + Forge.b64(new byte[16]) + "\",\"tag\":\""
                + tag16 + "\"}", 32, 12, 40, 16))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe(gcmkw + ",\"iv\":\"" + iv12 + "\",\"tag\":\"" + tag16 + "=\"}",
                32, 12, 40, 16))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void checkWhenEcdhThenEphemeralKeyCurveReturnedAndRequired() throws Exception {
        String ecdh = "{\"alg\":\"ECDH-ES\",\"enc\":\"A256GCM\"";
        assertThat(check(EVERY_SUPPORTED, jwe(ecdh + ",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-384\"}}", 0, 12, 40, 16))
                .epkCurve()).isEqualTo("P-384");
        assertThat(rejection(EVERY_SUPPORTED, jwe(ecdh + "}", 0, 12, 40, 16))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe(ecdh + ",\"epk\":{\"kty\":\"EC\"}}", 0, 12, 40, 16)))
                .isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe(ecdh + ",\"epk\":\"P-256\"}", 0, 12, 40, 16)))
                .isEqualTo(Reason.MALFORMED);
        assertThat(rejection(EVERY_SUPPORTED, jwe("{\"alg\":\"ECDH-ES+A128KW\",\"enc\":\"A256GCM\",\"epk\":{\"crv\":1}}",
                40, 12, 40, 16))).isEqualTo(Reason.MALFORMED);
    }
}
