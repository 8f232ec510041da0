package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.TestKeys;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwkTest {

    private static KeyEntry reload(Map<String, Object> jwk) {
        List<KeyEntry> keys = KeySource.load(Jwk.jwkSet(jwk), null).keys().all();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    @Test
    void privateJwkWhenRsaThenCoreReadsTheSameKeyPair() {
        KeyEntry rsa = TestKeys.rsa("r1", 2048);

        Map<String, Object> jwk = Jwk.privateJwk("r1", "enc", rsa.key(), rsa.publicKey().orElseThrow());
        KeyEntry back = reload(jwk);

        assertThat(jwk.keySet()).containsExactly("kty", "kid", "use", "n", "e", "d", "p", "q", "dp", "dq", "qi");
        assertThat(back.kid()).contains("r1");
        assertThat(back.use()).contains("enc");
        assertThat(back.isPrivate()).isTrue();
        assertThat(back.key().getEncoded()).isEqualTo(rsa.key().getEncoded());
        assertThat(back.publicKey().orElseThrow().getEncoded()).isEqualTo(rsa.publicKey().orElseThrow().getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-256", "P-384", "P-521"})
    void privateJwkWhenEcThenFixedLengthCoordinatesAndCoreReadsTheSameKey(String curve) {
        KeyEntry ec = TestKeys.ec("e1", curve);
        int bytes = curve.equals("P-521") ? 66 : Integer.parseInt(curve.substring(2)) / 8;

        Map<String, Object> jwk = Jwk.privateJwk("e1", "sig", ec.key(), ec.publicKey().orElseThrow());
        KeyEntry back = reload(jwk);

        assertThat(jwk).containsEntry("kty", "EC").containsEntry("crv", curve);
        for (String member : List.of("x", "y", "d")) {
            assertThat(Base64.getUrlDecoder().decode((String) jwk.get(member))).hasSize(bytes);
        }
        assertThat(back.key().getEncoded()).isEqualTo(ec.key().getEncoded());
        assertThat(((ECPublicKey) back.publicKey().orElseThrow()).getW())
                .isEqualTo(((ECPublicKey) ec.publicKey().orElseThrow()).getW());
    }

    @Test
    void privateJwkWhenSecretThenOctWithK() {
        KeyEntry oct = TestKeys.oct("s1", 32);

        Map<String, Object> jwk = Jwk.privateJwk("s1", null, oct.key(), null);
        KeyEntry back = reload(jwk);

        assertThat(jwk.keySet()).containsExactly("kty", "kid", "k");
        assertThat(back.isSymmetric()).isTrue();
        assertThat(back.key().getEncoded()).isEqualTo(oct.key().getEncoded());
    }

    @Test
    void publicJwkWhenRsaOrEcThenNoPrivateMembers() {
        KeyEntry rsa = TestKeys.rsa("r1", 2048);
        KeyEntry ec = TestKeys.ec("e1", "P-256");

        Map<String, Object> rsaJwk = Jwk.publicJwk("r1", "enc", rsa.publicKey().orElseThrow());
        Map<String, Object> ecJwk = Jwk.publicJwk("e1", "sig", ec.publicKey().orElseThrow());

        assertThat(rsaJwk.keySet()).containsExactly("kty", "kid", "use", "n", "e");
        assertThat(ecJwk.keySet()).containsExactly("kty", "kid", "use", "crv", "x", "y");
        assertThat(reload(rsaJwk).isPrivate()).isFalse();
        assertThat(reload(ecJwk).isPrivate()).isFalse();
    }

    @Test
    void uintWhenLeadingZeroOrZeroThenMinimalOctets() {
        assertThat(Jwk.uint(BigInteger.valueOf(65537))).isEqualTo("AQAB");
        assertThat(Jwk.uint(BigInteger.valueOf(255))).isEqualTo("_w");
        assertThat(Jwk.uint(BigInteger.ZERO)).isEqualTo("AA");
    }
}
