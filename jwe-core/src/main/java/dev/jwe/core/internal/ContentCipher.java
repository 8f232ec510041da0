package dev.jwe.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWE content decryption (RFC 7518 §5) straight through the JCA of a {@link Jca}, with the content
 * key {@link KeyManagement} recovered (for {@code dir}, the configured key); the segments are the
 * ones {@link Compact} already parsed strictly, so nothing is parsed twice. The AAD is the ASCII of the protected header segment (RFC 7516
 * §5.2 step 14). AES-GCM tags are checked by the JCA; the AES-CBC-HMAC-SHA2 tag is compared in
 * constant time before anything is decrypted. Callers have already checked the IV and tag lengths
 * and the key length for {@code enc}. Every failure is reduced to {@code null}. Stateless.
 */
public final class ContentCipher {
    private ContentCipher() {
    }

    /**
     * @param jca where the JCA objects come from
     * @param jwe the strictly parsed JWE (five segments)
     * @param enc the content encryption algorithm (A*GCM or A*CBC-HS*)
     * @param cek the content encryption key
     * @return the plaintext, or {@code null} when the tag does not verify or anything else fails
     */
    public static byte[] decrypt(Jca jca, Compact jwe, String enc, Key cek) {
        try {
            byte[] aad = jwe.segment(0).getBytes(StandardCharsets.US_ASCII);
            byte[] iv = jwe.decode(2);
            byte[] ciphertext = jwe.decode(3);
            byte[] tag = jwe.decode(4);
            return enc.endsWith("GCM") ? gcm(jca, cek, aad, iv, ciphertext, tag) : cbcHmac(jca, enc, cek, aad, iv, ciphertext, tag);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] gcm(Jca jca, Key cek, byte[] aad, byte[] iv, byte[] ciphertext, byte[] tag)
            throws GeneralSecurityException {
        Key key = "AES".equalsIgnoreCase(cek.getAlgorithm()) ? cek : new SecretKeySpec(cek.getEncoded(), "AES");
        byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
        System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
        Cipher cipher = jca.cipher("AES/GCM/NoPadding", Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        byte[] plaintext = cipher.doFinal(sealed);
        jca.release(cipher);
        return plaintext;
    }

    /** RFC 7518 §5.2.2.2: MAC over AAD || IV || ciphertext || AL, then AES-CBC with PKCS#7 padding. */
    private static byte[] cbcHmac(Jca jca, String enc, Key cek, byte[] aad, byte[] iv, byte[] ciphertext, byte[] tag)
            throws GeneralSecurityException {
        byte[] k = cek.getEncoded();
        int half = k.length / 2;
        if (k.length != Algorithms.cekBytes(enc) || tag.length != half) {
            return null;
        }
        try {
            String hmac = "HmacSHA" + enc.substring(enc.length() - 3);
            Mac mac = jca.mac(hmac, new SecretKeySpec(k, 0, half, hmac));
            mac.update(aad);
            mac.update(iv);
            mac.update(ciphertext);
            long aadBits = (long) aad.length * 8;
            for (int shift = 56; shift >= 0; shift -= 8) {
                mac.update((byte) (aadBits >>> shift));
            }
            byte[] full = mac.doFinal();
            jca.release(mac);
            if (!MessageDigest.isEqual(Arrays.copyOf(full, half), tag)) {
                return null;
            }
            Cipher cipher = jca.cipher("AES/CBC/PKCS5Padding", Cipher.DECRYPT_MODE,
                    new SecretKeySpec(k, half, half, "AES"), new IvParameterSpec(iv));
            byte[] plaintext = cipher.doFinal(ciphertext);
            jca.release(cipher);
            return plaintext;
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }
}
