package dev.jwe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The engines that {@link Jca} keeps between calls: reused only after success, and always re-initialised. */
class JcaTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GCM = "AES/GCM/NoPadding";

    private static SecretKey key() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }

    private static byte[][] seal(SecretKey key, String text) throws Exception {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher c = Cipher.getInstance(GCM);
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return new byte[][] {iv, c.doFinal(text.getBytes(StandardCharsets.UTF_8))};
    }

    private static String open(Jca jca, SecretKey key, byte[][] sealed) throws Exception {
        Cipher c = jca.cipher(GCM, Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed[0]));
        String text = new String(c.doFinal(sealed[1]), StandardCharsets.UTF_8);
        jca.release(c);
        return text;
    }

    @Test
    void cipherWhenLastOneWasReleasedThenTheSameEngineIsUsedAgain() throws Exception {
        Jca jca = Jca.of(null);
        SecretKey key = key();
        Cipher first = jca.cipher(GCM, Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
        jca.release(first);
        Cipher second = jca.cipher(GCM, Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
        assertThat(second).isSameAs(first);
    }

    @Test
    void cipherWhenLastOneWasNotReleasedThenAnotherEngineIsMade() throws Exception {
        Jca jca = Jca.of(null);
        SecretKey key = key();
        Cipher first = jca.cipher(GCM, Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
        Cipher second = jca.cipher(GCM, Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void cipherWhenReusedWithOtherKeysAndAfterAFailureThenEachAnswerIsThatKeysOwn() throws Exception {
        Jca jca = Jca.of(null);
        SecretKey a = key();
        SecretKey b = key();
        byte[][] forA = seal(a, "for a");
        byte[][] forB = seal(b, "for b");
        assertThat(open(jca, a, forA)).isEqualTo("for a");
        assertThat(open(jca, b, forB)).isEqualTo("for b");
        assertThatThrownBy(() -> open(jca, a, forB)).isInstanceOf(AEADBadTagException.class);
        assertThat(open(jca, a, forA)).isEqualTo("for a");
        assertThat(open(jca, b, forB)).isEqualTo("for b");
    }
}
