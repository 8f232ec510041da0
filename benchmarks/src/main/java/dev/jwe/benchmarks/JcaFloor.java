package dev.jwe.benchmarks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor: only the cryptography a validator cannot avoid, written straight against the JCA.
 * Per token it splits the compact form, base64url-decodes what the crypto needs, unwraps or
 * agrees the content key (RSA-OAEP-256; ECDH-ES + Concat KDF + AES key unwrap; nothing for
 * {@code dir}), decrypts AES-256-GCM with the protected header as AAD, and verifies the inner
 * signature (SHA256withRSA, SHA256withECDSA in P1363 form). It parses no JSON (the ECDH ephemeral
 * key's coordinates are found by text search), checks no claim and no policy, and, like jose4j,
 * Nimbus and jwe, gets its JCA objects per call (they are not thread-safe). With a provider (the
 * floor "with ACCP") every operation that provider serves is asked of it, with its own key objects
 * converted once, as jwe does; AES key wrap, which ACCP lacks, stays with the JDK. Thread-safe.
 */
final class JcaFloor {
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final OAEPParameterSpec OAEP_256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private final String alg;
    private final Key decryptionKey;
    private final PublicKey verificationKey;
    private final String signatureAlgorithm;
    private final Provider provider;

    JcaFloor(Fixture f) {
        this(f, null);
    }

    /**
     * @param f the suite
     * @param provider the provider to ask (never installed), or {@code null} for the JDK's
     */
    JcaFloor(Fixture f, Provider provider) {
        this.alg = f.alg;
        this.provider = provider;
        this.decryptionKey = own(f.decryptionKey, provider);
        this.verificationKey = (PublicKey) own(f.verificationKey, provider);
        this.signatureAlgorithm = f.sigAlg == null ? null
                : f.sigAlg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format";
    }

    /**
     * @param token the compact JWE
     * @return the claims bytes (inner JWS payload, or the JWE plaintext for unsigned claims)
     * @throws GeneralSecurityException when decryption or the signature check fails
     */
    byte[] validate(String token) throws GeneralSecurityException {
        byte[] t = token.getBytes(StandardCharsets.US_ASCII);
        int d1 = dot(t, 0);
        int d2 = dot(t, d1 + 1);
        int d3 = dot(t, d2 + 1);
        int d4 = dot(t, d3 + 1);
        SecretKey cek = switch (alg) {
            case "RSA-OAEP-256" -> {
                Cipher rsa = cipher("RSA/ECB/OAEPPadding");
                rsa.init(Cipher.DECRYPT_MODE, decryptionKey, OAEP_256);
                yield new SecretKeySpec(rsa.doFinal(decode(t, d1 + 1, d2)), "AES");
            }
            case "ECDH-ES+A256KW" -> ecdhUnwrap(t, d1, d2);
            case "dir" -> (SecretKey) decryptionKey;
            default -> throw new IllegalStateException(alg);
        };
        byte[] iv = decode(t, d2 + 1, d3);
        byte[] ciphertext = decode(t, d3 + 1, d4);
        byte[] tag = decode(t, d4 + 1, t.length);
        byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
        System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
        Cipher gcm = cipher("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, cek, new GCMParameterSpec(128, iv));
        gcm.updateAAD(t, 0, d1);
        byte[] plaintext = gcm.doFinal(sealed);
        if (signatureAlgorithm == null) {
            return plaintext;
        }
        int p1 = dot(plaintext, 0);
        int p2 = dot(plaintext, p1 + 1);
        Signature s = provider == null ? Signature.getInstance(signatureAlgorithm)
                : Signature.getInstance(signatureAlgorithm, provider);
        s.initVerify(verificationKey);
        s.update(plaintext, 0, p2);
        if (!s.verify(decode(plaintext, p2 + 1, plaintext.length))) {
            throw new SignatureException("bad signature");
        }
        return decode(plaintext, p1 + 1, p2);
    }

    private SecretKey ecdhUnwrap(byte[] t, int d1, int d2) throws GeneralSecurityException {
        String header = new String(decode(t, 0, d1), StandardCharsets.UTF_8);
        ECPrivateKey priv = (ECPrivateKey) decryptionKey;
        ECPoint point = new ECPoint(coordinate(header, "\"x\":\""), coordinate(header, "\"y\":\""));
        KeyFactory kf = provider == null ? KeyFactory.getInstance("EC") : KeyFactory.getInstance("EC", provider);
        PublicKey epk = kf.generatePublic(new ECPublicKeySpec(point, priv.getParams()));
        KeyAgreement ka = provider == null ? KeyAgreement.getInstance("ECDH") : KeyAgreement.getInstance("ECDH", provider);
        ka.init((PrivateKey) decryptionKey);
        ka.doPhase(epk, true);
        byte[] z = ka.generateSecret();
        // Concat KDF (RFC 7518 §4.6.2, NIST SP 800-56A): one SHA-256 round gives the 256-bit KEK.
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(int32(1));
        sha.update(z);
        byte[] algId = alg.getBytes(StandardCharsets.US_ASCII);
        sha.update(int32(algId.length));
        sha.update(algId);
        sha.update(int32(0)); // PartyUInfo: empty
        sha.update(int32(0)); // PartyVInfo: empty
        sha.update(int32(256)); // SuppPubInfo: key data length in bits
        SecretKey kek = new SecretKeySpec(sha.digest(), "AES");
        Cipher kw = Cipher.getInstance("AESWrap");
        kw.init(Cipher.UNWRAP_MODE, kek);
        return (SecretKey) kw.unwrap(decode(t, d1 + 1, d2), "AES", Cipher.SECRET_KEY);
    }

    private Cipher cipher(String transformation) throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(transformation) : Cipher.getInstance(transformation, provider);
    }

    /** The provider's own object for an RSA or EC key, made once (secret keys stay as they are). */
    private static Key own(Key key, Provider provider) {
        if (provider == null || key == null || key instanceof SecretKey) {
            return key;
        }
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger coordinate(String header, String member) {
        int from = header.indexOf(member) + member.length();
        return new BigInteger(1, B64.decode(header.substring(from, header.indexOf('"', from))));
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int dot(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '.') {
                return i;
            }
        }
        throw new IllegalArgumentException("not a compact serialization");
    }

    private static byte[] decode(byte[] b, int from, int to) {
        return B64.decode(Arrays.copyOfRange(b, from, to));
    }
}
