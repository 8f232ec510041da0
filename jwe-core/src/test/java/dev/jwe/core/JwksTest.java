package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwksTest {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @Test
    void thumbprintWhenRfc7638ExampleKeyThenPublishedValue() throws Exception {
        // RFC 7638 §3.1: the example RSA key and its SHA-256 thumbprint.
        String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(n));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));

        assertThat(Jwks.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-256", "P-384", "P-521"})
    void thumbprintWhenEcKeyThenHashOfRequiredMembersWithFixedLengthCoordinates(String curve) throws Exception {
        ECPublicKey key = (ECPublicKey) TestKeys.ec(null, curve).publicKey().orElseThrow();
        int bytes = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;

        // RFC 7638 §3.2: required members only, in lexicographic order, no whitespace.
        String input = "{\"crv\":\"" + curve + "\",\"kty\":\"EC\",\"x\":\"" + fixed(key.getW().getAffineX(), bytes)
                + "\",\"y\":\"" + fixed(key.getW().getAffineY(), bytes) + "\"}";
        assertThat(Jwks.thumbprint(key)).isEqualTo(sha256(input));
    }

    @Test
    void thumbprintWhenSecretKeyThenHashOfKAndKty() throws Exception {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);

        assertThat(Jwks.thumbprint(new SecretKeySpec(secret, "AES")))
                .isEqualTo(sha256("{\"k\":\"" + B64URL.encodeToString(secret) + "\",\"kty\":\"oct\"}"));
    }

    @Test
    void thumbprintWhenPemKeyLoadedThenItsKidIsTheThumbprint(@TempDir Path dir) throws Exception {
        for (KeyEntry k : List.of(TestKeys.rsa(null, 2048), TestKeys.ec(null, "P-384"), TestKeys.ec(null, "P-521"))) {
            Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(k.publicKey().orElseThrow().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");

            KeyEntry loaded = KeySource.load(pem.toString(), null).keys().all().get(0);

            assertThat(loaded.kid()).contains(Jwks.thumbprint(k.publicKey().orElseThrow()));
        }
    }

    @Test
    void thumbprintWhenPrivateKeyThenRefusedWithoutKeyMaterial() {
        KeyEntry rsa = TestKeys.rsa(null, 2048);

        assertThatThrownBy(() -> Jwks.thumbprint(rsa.key())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RSA").hasMessageContaining("public");
        assertThatThrownBy(() -> Jwks.thumbprint(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-256", "P-384", "P-521"})
    void curveParametersWhenKeyGeneratedThenCurveNameGivesTheNameBack(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(Jwks.curveParameters(curve));

        assertThat(Jwks.curveName((ECKey) g.generateKeyPair().getPublic())).isEqualTo(curve);
        assertThat(Jwks.curveName((ECKey) TestKeys.ec(null, curve).key())).isEqualTo(curve);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-192", "secp256r1", "p-256", "", "X25519"})
    void curveParametersWhenNotAJoseCurveNameThenRefused(String name) {
        assertThatThrownBy(() -> Jwks.curveParameters(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256, P-384 or P-521");
    }

    private static String sha256(String input) throws Exception {
        return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static String fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return B64URL.encodeToString(out);
    }

    @Test
    void defaultKeyManagementWhenRsaOrEcOrSecretKeyThenTheAlgorithmIssuersUseByDefault() {
        assertThat(Jwks.defaultKeyManagement(TestKeys.rsa("r", 2048).key())).isEqualTo("RSA-OAEP-256");
        assertThat(Jwks.defaultKeyManagement(TestKeys.ec("e", "P-256").key())).isEqualTo("ECDH-ES+A256KW");
        assertThat(Jwks.defaultKeyManagement(TestKeys.oct("k", 16).key())).isEqualTo("A128KW");
    }

    @Test
    void checkKeyManagementWhenAlgorithmFitsKeyThenAccepted() {
        assertThat(Jwks.checkKeyManagement("RSA-OAEP-256", TestKeys.rsa("r", 2048).key())).isEqualTo("RSA-OAEP-256");
        assertThat(Jwks.checkKeyManagement("ECDH-ES", TestKeys.ec("e", "P-384").key())).isEqualTo("ECDH-ES");
        assertThat(Jwks.checkKeyManagement("A256GCMKW", TestKeys.oct("k", 32).key())).isEqualTo("A256GCMKW");
    }

    @Test
    void checkKeyManagementWhenSignatureAlgorithmThenRefusedSayingSo() {
        assertThatThrownBy(() -> Jwks.checkKeyManagement("RS256", TestKeys.rsa("r", 2048).key()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("RS256 is a signature algorithm");
    }

    @Test
    void checkKeyManagementWhenAlgorithmOfAnotherKeyTypeThenRefusedNamingBoth() {
        assertThatThrownBy(() -> Jwks.checkKeyManagement("ECDH-ES+A256KW", TestKeys.rsa("r", 2048).key()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ECDH-ES+A256KW does not fit a RSA key");
        assertThatThrownBy(() -> Jwks.checkKeyManagement("A128KW", TestKeys.oct("k", 32).key()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    @Test
    void checkKeyManagementWhenRefusedOrUnknownAlgorithmThenRefused() {
        assertThatThrownBy(() -> Jwks.checkKeyManagement("RSA1_5", TestKeys.rsa("r", 2048).key()))
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> Jwks.checkKeyManagement("RSA-OAEP-1024", TestKeys.rsa("r", 2048).key()))
                .hasMessageStartingWith("unsupported key-management algorithm RSA-OAEP-1024");
    }

    @Test
    void publishedKeyManagementWhenKeyNamesItsAlgThenThatOne() {
        KeyEntry rsa = TestKeys.rsa("r", 2048);
        KeyEntry named = KeyEntry.of("r", rsa.key(), rsa.publicKey().orElseThrow(), "enc", "RSA-OAEP", null);

        assertThat(Jwks.publishedKeyManagement(named, List.of("RSA-OAEP-256"))).contains("RSA-OAEP");
    }

    @Test
    void publishedKeyManagementWhenAllowListConfiguredThenFirstThatFitsTheKey() {
        List<String> allowed = List.of("ECDH-ES", "RSA-OAEP", "RSA-OAEP-256");

        assertThat(Jwks.publishedKeyManagement(TestKeys.rsa("r", 2048), allowed)).contains("RSA-OAEP");
        assertThat(Jwks.publishedKeyManagement(TestKeys.ec("e", "P-256"), allowed)).contains("ECDH-ES");
        assertThat(Jwks.publishedKeyManagement(TestKeys.ec("e", "P-256"), List.of("RSA-OAEP-256"))).isEmpty();
    }

    @Test
    void publishedKeyManagementWhenNothingConfiguredThenTheDefaultTheDerivedListAccepts() {
        assertThat(Jwks.publishedKeyManagement(TestKeys.rsa("r", 2048), List.of())).contains("RSA-OAEP-256");
        assertThat(Jwks.publishedKeyManagement(TestKeys.ec("e", "P-521"), List.of())).contains("ECDH-ES+A256KW");
    }

    @Test
    void toPublicJwksWhenAlgorithmChosenThenEveryKeyCarriesItAndUse() {
        KeySet keys = KeySet.of(List.of(TestKeys.rsa("r", 2048), TestKeys.ec("e", "P-256")));

        KeySet published = KeySource.load(keys.toPublicJwks("enc", k -> Jwks.publishedKeyManagement(k, List.of())),
                null).keys();

        assertThat(published.all()).extracting(k -> k.kid().orElseThrow() + " " + k.algorithm().orElseThrow() + " "
                + k.use().orElseThrow()).containsExactly("r RSA-OAEP-256 enc", "e ECDH-ES+A256KW enc");
    }
}
