package dev.jwe.core;

import static dev.jwe.core.TestTokens.privateJwk;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RSA-OAEP-384 and RSA-OAEP-512 (issue 14; Auth0 issues them), with tokens minted by an independent
 * implementation (Nimbus JOSE+JWT): accepted when listed in the allowed key management algorithms
 * or named by the key's {@code alg}, rejected as an unsupported algorithm otherwise. Run with the
 * JDK's providers and again with ACCP (the "accp" test execution).
 */
class RsaOaepSha2Test {
    private static final KeyEntry ENC = TestKeys.rsa("enc", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig", 2048);

    /** A signed JWT (RS256) in a JWE made by Nimbus with {@code alg} and A256GCM, {@code cty: JWT}. */
    static String nimbusToken(String alg) throws Exception {
        SignedJWT jws = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("sig").build(),
                JWTClaimsSet.parse(TestKeys.claims()));
        jws.sign(new RSASSASigner((PrivateKey) SIG.key()));
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.parse(alg), EncryptionMethod.A256GCM)
                .contentType("JWT").keyID("enc").build(), new Payload(jws));
        jwe.encrypt(new RSAEncrypter((RSAPublicKey) ENC.publicKey().orElseThrow()));
        return jwe.serialize();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP-384", "RSA-OAEP-512"})
    void validateWhenAlgorithmListedThenNimbusTokenAccepted(String alg) throws Exception {
        JweTokenValidator v = TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)))
                .keyManagementAlgorithms(List.of(alg)).build();

        VerifiedToken t = v.validate(nimbusToken(alg));

        assertThat(t.subject()).contains("alice");
        assertThat(t.metadata().keyManagementAlgorithm()).isEqualTo(alg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP-384", "RSA-OAEP-512"})
    void validateWhenKeyAlgNamesAlgorithmThenNimbusTokenAccepted(String alg) throws Exception {
        JweTokenValidator v = TestTokens.validator(KeySource.load(privateJwk(ENC, "enc", null, alg), null),
                KeySource.of(TestKeys.publicOnly(SIG))).build();

        assertThat(v.describePolicy()).contains("key-management=[" + alg + "]");
        assertThat(v.validate(nimbusToken(alg)).subject()).contains("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP-384", "RSA-OAEP-512"})
    void validateWhenAlgorithmNotAllowedThenUnsupportedAlgorithm(String alg) throws Exception {
        // An RSA key without alg: RSA-OAEP-256 only.
        JweTokenValidator byDefault = TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)))
                .build();
        JweTokenValidator otherListed = TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)))
                .keyManagementAlgorithms(List.of(alg.equals("RSA-OAEP-384") ? "RSA-OAEP-512" : "RSA-OAEP-384"))
                .build();

        assertThat(TestTokens.rejection(byDefault, nimbusToken(alg))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(TestTokens.rejection(otherListed, nimbusToken(alg))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP-384", "RSA-OAEP-512"})
    void issueWhenRsaOaepSha2ThenValidatorAccepts(String alg) throws Exception {
        String token = TestTokens.issue(ENC, alg, "A128CBC-HS256", SIG, "RS256");
        JweTokenValidator v = TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)))
                .keyManagementAlgorithms(List.of(alg)).build();

        assertThat(v.validate(token).metadata().keyManagementAlgorithm()).isEqualTo(alg);
    }
}
