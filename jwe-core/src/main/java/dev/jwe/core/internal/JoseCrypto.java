package dev.jwe.core.internal;

import java.security.Key;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The cryptographic steps, done by jose4j after our own strict checks. Every jose4j failure is
 * reduced to "failed": its messages can contain the token and decrypted claims, so none of its
 * text ever leaves this class.
 */
public final class JoseCrypto {
    private JoseCrypto() {
    }

    /**
     * Decrypts a compact JWE whose header has already passed our policy.
     *
     * @param compact the token
     * @param alg the one key management algorithm to allow
     * @param enc the one content encryption algorithm to allow
     * @param key the decryption key
     * @return the plaintext, or {@code null} when decryption failed for any reason
     */
    public static byte[] decrypt(String compact, String alg, String enc, Key key) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
            jwe.setContentEncryptionAlgorithmConstraints(
                    new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, enc));
            jwe.setCompactSerialization(compact);
            jwe.setKey(key);
            return jwe.getPlaintextBytes();
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    /**
     * Verifies a compact JWS whose header has already passed our policy.
     *
     * @param compact the JWS
     * @param alg the one signature algorithm to allow
     * @param key the verification key
     * @return whether the signature verifies
     */
    public static boolean verify(String compact, String alg, Key key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
            jws.setCompactSerialization(compact);
            jws.setKey(key);
            return jws.verifySignature();
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Signs a payload (compact JWS).
     *
     * @param payload the payload
     * @param alg the JWS algorithm
     * @param key the signing key
     * @param kid the key id or {@code null}
     * @param typ the {@code typ} header or {@code null}
     * @return the compact JWS
     */
    public static String sign(String payload, String alg, Key key, String kid, String typ) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload);
            jws.setAlgorithmHeaderValue(alg);
            jws.setKey(key);
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            if (typ != null) {
                jws.setHeader("typ", typ);
            }
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalArgumentException("Cannot sign with " + alg + " and this key: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Encrypts a payload (compact JWE).
     *
     * @param payload the payload
     * @param alg key management algorithm
     * @param enc content encryption algorithm
     * @param key the recipient key (public or secret)
     * @param publicKey the public half if {@code key} is private, else {@code null}
     * @param kid key id or {@code null}
     * @param cty content type or {@code null}
     * @return the compact JWE
     */
    public static String encrypt(String payload, String alg, String enc, Key key, Key publicKey, String kid,
            String cty) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setPlaintext(payload);
            jwe.setAlgorithmHeaderValue(alg);
            jwe.setEncryptionMethodHeaderParameter(enc);
            jwe.setKey(publicKey != null && !(key instanceof javax.crypto.SecretKey) ? publicKey : key);
            if (kid != null) {
                jwe.setKeyIdHeaderValue(kid);
            }
            if (cty != null) {
                jwe.setContentTypeHeaderValue(cty);
            }
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalArgumentException("Cannot encrypt with " + alg + "/" + enc + " and this key: "
                    + e.getClass().getSimpleName());
        }
    }
}
