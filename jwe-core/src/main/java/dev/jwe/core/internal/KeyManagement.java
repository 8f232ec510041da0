package dev.jwe.core.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWE key management (RFC 7518 §4) for decryption, straight through the JCA of a {@link Jca}: our
 * own code rather than jose4j's, because jose4j's {@code ProviderContext} names providers, which
 * would have to be installed in the JVM, and asks for transformations a faster provider does not
 * serve ({@code RSA/ECB/OAEPWithSHA-256AndMGF1Padding}); here RSA-OAEP asks for
 * {@code RSA/ECB/OAEPPadding} with an explicit {@link OAEPParameterSpec}. The header has passed
 * {@code HeaderPolicy} and the key fits the algorithm ({@code KeyFit}).
 *
 * <p>Hostile inputs: an RSA-OAEP failure yields a random content key, so that it fails at the same
 * later point as a wrong tag (no padding oracle, as jose4j does); an ECDH ephemeral key must be a
 * point on the private key's curve, coordinates of the exact field length (invalid-curve attacks);
 * X25519/X448 refuse an all-zero secret (small-order points); an unwrapped key must have the exact
 * length {@code enc} needs. Every failure is {@code null}. Stateless.
 */
public final class KeyManagement {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private KeyManagement() {
    }

    /**
     * @param jca where the JCA objects come from
     * @param jwe the strictly parsed JWE
     * @param header its protected header members
     * @param alg the key management algorithm (allowed, not forbidden)
     * @param enc the content encryption algorithm
     * @param key the decryption key (fits {@code alg})
     * @return the content encryption key, or {@code null} when it cannot be recovered
     */
    public static SecretKey contentKey(Jca jca, Compact jwe, Map<String, Object> header, String alg, String enc,
            Key key) {
        int cekBytes = Algorithms.cekBytes(enc);
        try {
            byte[] cek;
            if (alg.equals("dir")) {
                return key instanceof SecretKey s ? s : null;
            } else if (alg.startsWith("RSA-OAEP")) {
                cek = rsaOaep(jca, jwe.decode(1), alg, key, cekBytes);
            } else if (alg.startsWith("ECDH-ES")) {
                cek = ecdh(jca, jwe, header, alg, enc, (PrivateKey) key, cekBytes);
            } else if (alg.endsWith("GCMKW")) {
                cek = gcmUnwrap(jca, jwe.decode(1), header, key);
            } else if (alg.endsWith("KW")) {
                cek = aesUnwrap(jca, jwe.decode(1), aesKey(key));
            } else {
                return null;
            }
            return cek != null && cek.length == cekBytes ? new SecretKeySpec(cek, "AES") : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** RSAES-OAEP; on any failure a random key of the right length (RFC 7516 §11.5). */
    private static byte[] rsaOaep(Jca jca, byte[] encryptedKey, String alg, Key key, int cekBytes) {
        String hash = switch (alg) {
            case "RSA-OAEP" -> "SHA-1";
            case "RSA-OAEP-256" -> "SHA-256";
            case "RSA-OAEP-384" -> "SHA-384";
            case "RSA-OAEP-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("key management");
        };
        OAEPParameterSpec spec = new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                PSource.PSpecified.DEFAULT);
        try {
            Cipher oaep = jca.cipher("RSA/ECB/OAEPPadding", Cipher.DECRYPT_MODE, key, spec);
            byte[] cek = oaep.doFinal(encryptedKey);
            jca.release(oaep);
            if (cek.length == cekBytes) {
                return cek;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // Same outcome as a wrong key length: fail later, at the content tag.
        }
        byte[] random = new byte[cekBytes];
        RANDOM.nextBytes(random);
        return random;
    }

    private static byte[] aesUnwrap(Jca jca, byte[] wrapped, Key kek) throws GeneralSecurityException {
        Cipher wrap = jca.cipher("AESWrap", Cipher.UNWRAP_MODE, kek, null);
        byte[] cek = wrap.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded();
        jca.release(wrap);
        return cek;
    }

    private static byte[] gcmUnwrap(Jca jca, byte[] encryptedKey, Map<String, Object> header, Key kek)
            throws GeneralSecurityException {
        byte[] iv = B64.decode((String) header.get("iv"));
        byte[] tag = B64.decode((String) header.get("tag"));
        byte[] sealed = Arrays.copyOf(encryptedKey, encryptedKey.length + tag.length);
        System.arraycopy(tag, 0, sealed, encryptedKey.length, tag.length);
        Cipher gcm = jca.cipher("AES/GCM/NoPadding", Cipher.DECRYPT_MODE, aesKey(kek), new GCMParameterSpec(128, iv));
        byte[] cek = gcm.doFinal(sealed);
        jca.release(gcm);
        return cek;
    }

    private static Key aesKey(Key key) {
        return "AES".equalsIgnoreCase(key.getAlgorithm()) ? key : new SecretKeySpec(key.getEncoded(), "AES");
    }

    /** ECDH-ES (RFC 7518 §4.6): agreement with the ephemeral key, Concat KDF, then key unwrap for +A*KW. */
    private static byte[] ecdh(Jca jca, Compact jwe, Map<String, Object> header, String alg, String enc,
            PrivateKey key, int cekBytes) throws GeneralSecurityException {
        if (!(header.get("epk") instanceof Map<?, ?> epk)) {
            return null;
        }
        byte[] z;
        if (key instanceof ECPrivateKey ec) {
            PublicKey peer = ecPoint(jca, epk, ec.getParams());
            if (peer == null) {
                return null;
            }
            z = jca.agree("ECDH", key, peer);
        } else if (key instanceof XECPrivateKey x && x.getParams() instanceof NamedParameterSpec n) {
            PublicKey peer = xecPoint(jca, epk, n);
            if (peer == null) {
                return null;
            }
            z = jca.agree("XDH", key, peer);
            if (allZero(z)) {
                return null;
            }
        } else {
            return null;
        }
        try {
            boolean direct = alg.equals("ECDH-ES");
            int keyBytes = direct ? cekBytes : Algorithms.aesKwBytes(alg);
            byte[] derived = concatKdf(z, direct ? enc : alg, keyBytes, party(header, "apu"), party(header, "apv"));
            if (direct) {
                return derived;
            }
            try {
                return aesUnwrap(jca, jwe.decode(1), new SecretKeySpec(derived, "AES"));
            } finally {
                Arrays.fill(derived, (byte) 0);
            }
        } finally {
            Arrays.fill(z, (byte) 0);
        }
    }

    /** An EC ephemeral key: kty EC, coordinates of the field's length, on the curve. */
    private static PublicKey ecPoint(Jca jca, Map<?, ?> epk, ECParameterSpec params) throws GeneralSecurityException {
        if (!"EC".equals(epk.get("kty")) || !(epk.get("x") instanceof String xs) || !(epk.get("y") instanceof String ys)) {
            return null;
        }
        EllipticCurve curve = params.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        int fieldBytes = (curve.getField().getFieldSize() + 7) / 8;
        byte[] xb = B64.decode(xs);
        byte[] yb = B64.decode(ys);
        if (xb.length != fieldBytes || yb.length != fieldBytes) {
            return null;
        }
        BigInteger x = new BigInteger(1, xb);
        BigInteger y = new BigInteger(1, yb);
        // y^2 = x^3 + ax + b (mod p), 0 <= x, y < p: a point of this curve, not of a weaker one.
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0
                || !y.multiply(y).mod(p).equals(x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p))) {
            return null;
        }
        return jca.publicKey("EC", new ECPublicKeySpec(new ECPoint(x, y), params));
    }

    /** An X25519/X448 ephemeral key: kty OKP, the private key's curve, a u-coordinate of its length. */
    private static PublicKey xecPoint(Jca jca, Map<?, ?> epk, NamedParameterSpec curve) throws GeneralSecurityException {
        if (!"OKP".equals(epk.get("kty")) || !curve.getName().equalsIgnoreCase(String.valueOf(epk.get("crv")))
                || !(epk.get("x") instanceof String xs)) {
            return null;
        }
        byte[] u = B64.decode(xs);
        if (u.length != (curve.getName().equalsIgnoreCase("X25519") ? 32 : 56)) {
            return null;
        }
        // RFC 7748 §5: little-endian.
        byte[] be = new byte[u.length];
        for (int i = 0; i < u.length; i++) {
            be[i] = u[u.length - 1 - i];
        }
        return jca.publicKey("XDH", new XECPublicKeySpec(curve, new BigInteger(1, be)));
    }

    private static byte[] party(Map<String, Object> header, String name) {
        Object v = header.get(name);
        if (v == null) {
            return new byte[0];
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(name);
        }
        return B64.decode(s);
    }

    /** Concat KDF (NIST SP 800-56A §5.8.1, RFC 7518 §4.6.2) with SHA-256. */
    static byte[] concatKdf(byte[] z, String algorithmId, int keyBytes, byte[] apu, byte[] apv)
            throws GeneralSecurityException {
        byte[] id = algorithmId.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[keyBytes];
        MessageDigest sha = TokenDigest.newSha256();
        for (int round = 1, done = 0; done < keyBytes; round++) {
            sha.update(int32(round));
            sha.update(z);
            sha.update(int32(id.length));
            sha.update(id);
            sha.update(int32(apu.length));
            sha.update(apu);
            sha.update(int32(apv.length));
            sha.update(apv);
            sha.update(int32(keyBytes * 8));
            byte[] block = sha.digest();
            int n = Math.min(block.length, keyBytes - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static boolean allZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
