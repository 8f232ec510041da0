package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.internal.Algorithms;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default-algorithm and curve tables of {@code Algorithms} as {@link KeyFit} applies them to
 * keys, shared by the validator and {@code TokenIssuer}.
 */
class KeyFitTest {

    @ParameterizedTest
    @CsvSource({"P-256,ES256,secp256r1", "P-384,ES384,secp384r1", "P-521,ES512,secp521r1"})
    void curveTableWhenEcKeyThenJwkNameSignatureAndJcaNameFromOneRow(String curve, String es, String jca) {
        KeyEntry ec = TestKeys.ec(null, curve);

        assertThat(Algorithms.curveName((ECKey) ec.key())).isEqualTo(curve);
        assertThat(Algorithms.jcaCurveName(curve)).isEqualTo(jca);
        assertThat(KeyFit.issuedSignature(ec)).isEqualTo(es);
        assertThat(KeyFit.defaultSignature(TestKeys.publicOnly(ec))).containsExactly(es);
        assertThat(Algorithms.jcaCurveName("P-192")).isNull();
    }

    @Test
    void issuedKeyManagementWhenKeyTypeThenWhatTokenIssuerAlwaysChose() throws Exception {
        assertThat(KeyFit.issuedKeyManagement(TestKeys.publicOnly(TestKeys.rsa(null, 2048)))).isEqualTo("RSA-OAEP-256");
        assertThat(KeyFit.issuedKeyManagement(TestKeys.publicOnly(TestKeys.ec(null, "P-384"))))
                .isEqualTo("ECDH-ES+A256KW");
        assertThat(KeyFit.issuedKeyManagement(x25519())).isEqualTo("ECDH-ES+A256KW");
        assertThat(KeyFit.issuedKeyManagement(TestKeys.oct(null, 16))).isEqualTo("A128KW");
        assertThat(KeyFit.issuedKeyManagement(TestKeys.oct(null, 24))).isEqualTo("A192KW");
        assertThat(KeyFit.issuedKeyManagement(TestKeys.oct(null, 32))).isEqualTo("A256KW");
        assertThat(KeyFit.issuedKeyManagement(TestKeys.oct(null, 48))).isEqualTo("dir");
        assertThat(KeyFit.issuedKeyManagement(TestKeys.oct(null, 20))).isEqualTo("dir");
        assertThatThrownBy(() -> KeyFit.issuedKeyManagement(TestKeys.ed25519(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("encryptionKey: unsupported key type");
    }

    @Test
    void issuedSignatureWhenKeyTypeThenWhatTokenIssuerAlwaysChose() {
        assertThat(KeyFit.issuedSignature(TestKeys.rsa(null, 2048))).isEqualTo("RS256");
        assertThat(KeyFit.issuedSignature(TestKeys.ed25519(null))).isEqualTo("EdDSA");
        assertThat(KeyFit.issuedSignature(TestKeys.oct(null, 64))).isEqualTo("HS256");
        assertThatThrownBy(() -> KeyFit.issuedSignature(x25519()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("signingKey: unsupported key type");
    }

    /** One table: what an issuer picks for the public half, the validator accepts for the private half. */
    @ParameterizedTest
    @ValueSource(strings = {"rsa", "P-256", "P-384", "P-521", "x25519", "16", "24", "32", "48", "64"})
    void issuedKeyManagementWhenAnyDecryptionKeyThenAmongTheValidatorDefaults(String type) throws Exception {
        KeyEntry decryption = switch (type) {
            case "rsa" -> TestKeys.rsa(null, 2048);
            case "x25519" -> x25519();
            default -> type.startsWith("P-") ? TestKeys.ec(null, type) : TestKeys.oct(null, Integer.parseInt(type));
        };
        KeyEntry recipient = decryption.isSymmetric() ? decryption : TestKeys.publicOnly(decryption);

        assertThat(KeyFit.defaultKeyManagement(decryption)).contains(KeyFit.issuedKeyManagement(recipient));
        if (!decryption.isSymmetric()) {
            assertThat(KeyFit.defaultKeyManagement(recipient)).as("a public key decrypts nothing").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "P-256", "P-384", "P-521", "ed25519", "32", "48", "64"})
    void issuedSignatureWhenAnySigningKeyThenAmongTheValidatorDefaults(String type) {
        KeyEntry signing = switch (type) {
            case "rsa" -> TestKeys.rsa(null, 2048);
            case "ed25519" -> TestKeys.ed25519(null);
            default -> type.startsWith("P-") ? TestKeys.ec(null, type) : TestKeys.oct(null, Integer.parseInt(type));
        };
        KeyEntry verification = signing.isSymmetric() ? signing : TestKeys.publicOnly(signing);

        assertThat(KeyFit.defaultSignature(verification)).contains(KeyFit.issuedSignature(signing));
    }

    @Test
    void defaultSignatureWhenSecretKeyThenEveryHmacItIsLongEnoughFor() {
        assertThat(KeyFit.defaultSignature(TestKeys.oct(null, 16))).isEmpty();
        assertThat(KeyFit.defaultSignature(TestKeys.oct(null, 32))).containsExactly("HS256");
        assertThat(KeyFit.defaultSignature(TestKeys.oct(null, 48))).containsExactly("HS256", "HS384");
        assertThat(KeyFit.defaultSignature(TestKeys.oct(null, 64))).containsExactly("HS256", "HS384", "HS512");
    }

    private static KeyEntry x25519() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return KeyEntry.of(null, kp.getPrivate(), kp.getPublic());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
