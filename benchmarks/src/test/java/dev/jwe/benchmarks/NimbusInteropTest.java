package dev.jwe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jwe.core.AuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.VerifiedToken;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tokens minted by an independent JOSE implementation (Nimbus JOSE+JWT, the library Spring uses)
 * are accepted by our validator, with key sets written by Nimbus too: the direction the
 * benchmarks' set-up does not cover (there, every peer reads tokens we mint).
 */
class NimbusInteropTest {
    private static final String ISS = "https://issuer.example";
    private static final String AUD = "api://orders";

    private static JWTClaimsSet claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISS).audience(AUD).subject("alice")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("groups", List.of("admin"))
                .claim("scope", "orders:read orders:write").build();
    }

    private static String nested(JWSAlgorithm sigAlg, JWSSigner signer, String sigKid, JWEAlgorithm alg,
            EncryptionMethod enc, JWEEncrypter encrypter, String encKid) throws Exception {
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(sigAlg).keyID(sigKid).build(), claims());
        signed.sign(signer);
        JWEHeader.Builder header = new JWEHeader.Builder(alg, enc).contentType("JWT");
        if (encKid != null) {
            header.keyID(encKid);
        }
        JWEObject jwe = new JWEObject(header.build(), new Payload(signed));
        jwe.encrypt(encrypter);
        return jwe.serialize();
    }

    private static JweTokenValidator validator(JWK decryption, JWK verification, List<String> keyManagement) {
        JweTokenValidator.Builder b = JweTokenValidator.builder()
                .decryptionKeys(KeySource.load(new JWKSet(decryption).toString(false), null))
                .verificationKeys(KeySource.load(new JWKSet(verification).toString(false), null))
                .issuer(ISS).audience(AUD).auditListener(AuditListener.NOOP);
        if (keyManagement != null) {
            b.keyManagementAlgorithms(keyManagement);
        }
        return b.build();
    }

    private static void assertAccepted(VerifiedToken t) {
        assertThat(t.principalName()).isEqualTo("alice");
        assertThat(t.roles()).containsExactly("admin");
        assertThat(t.scopes()).containsExactly("orders:read", "orders:write");
    }

    @Test
    void validateWhenNimbusMintsRsaOaep256WithEs256ThenAccepted() throws Exception {
        RSAKey enc = new RSAKeyGenerator(2048).keyID("enc-1").generate();
        ECKey sig = new ECKeyGenerator(Curve.P_256).keyID("sig-1").generate();
        String token = nested(JWSAlgorithm.ES256, new ECDSASigner(sig), "sig-1", JWEAlgorithm.RSA_OAEP_256,
                EncryptionMethod.A256GCM, new RSAEncrypter(enc.toRSAPublicKey()), "enc-1");
        assertAccepted(validator(enc, sig.toPublicJWK(), null).validate(token));
    }

    @Test
    void validateWhenNimbusMintsEcdhEsKeyWrapWithCbcAndPs256ThenAccepted() throws Exception {
        ECKey enc = new ECKeyGenerator(Curve.P_384).keyID("enc-ec").generate();
        RSAKey sig = new RSAKeyGenerator(2048).keyID("sig-rsa").generate();
        String token = nested(JWSAlgorithm.PS256, new RSASSASigner(sig), "sig-rsa", JWEAlgorithm.ECDH_ES_A256KW,
                EncryptionMethod.A128CBC_HS256, new ECDHEncrypter(enc.toECPublicKey()), "enc-ec");
        assertAccepted(validator(enc, sig.toPublicJWK(), null).validate(token));
    }

    @Test
    void validateWhenNimbusMintsDirectEcdhEsWithoutKidThenAccepted() throws Exception {
        ECKey enc = new ECKeyGenerator(Curve.P_256).keyID("enc-ec").generate();
        RSAKey sig = new RSAKeyGenerator(2048).keyID("sig-rsa").generate();
        String token = nested(JWSAlgorithm.RS512, new RSASSASigner(sig), "sig-rsa", JWEAlgorithm.ECDH_ES,
                EncryptionMethod.A256GCM, new ECDHEncrypter(enc.toECPublicKey()), null);
        assertAccepted(validator(enc, sig.toPublicJWK(), null).validate(token));
    }

    @Test
    void validateWhenNimbusMintsDirWithHs256ThenAccepted() throws Exception {
        OctetSequenceKey enc = new OctetSequenceKeyGenerator(256).keyID("dir-1").generate();
        OctetSequenceKey mac = new OctetSequenceKeyGenerator(256).keyID("mac-1").generate();
        String token = nested(JWSAlgorithm.HS256, new MACSigner(mac), "mac-1", JWEAlgorithm.DIR,
                EncryptionMethod.A256GCM, new DirectEncrypter(enc), "dir-1");
        assertAccepted(validator(enc, mac, List.of("dir")).validate(token));
    }

    @Test
    void validateWhenNimbusMintsRsaOaepShaOneThenAcceptedOnlyWhenListed() throws Exception {
        RSAKey enc = new RSAKeyGenerator(2048).keyID("enc-1").generate();
        ECKey sig = new ECKeyGenerator(Curve.P_256).keyID("sig-1").generate();
        @SuppressWarnings("deprecation")
        JWEAlgorithm rsaOaep = JWEAlgorithm.RSA_OAEP;
        String token = nested(JWSAlgorithm.ES256, new ECDSASigner(sig), "sig-1", rsaOaep,
                EncryptionMethod.A192GCM, new RSAEncrypter(enc.toRSAPublicKey()), "enc-1");
        TokenRejectedException refused = catchThrowableOfType(TokenRejectedException.class,
                () -> validator(enc, sig.toPublicJWK(), null).validate(token));
        assertThat(refused.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertAccepted(validator(enc, sig.toPublicJWK(), List.of("RSA-OAEP-256", "RSA-OAEP")).validate(token));
    }
}
