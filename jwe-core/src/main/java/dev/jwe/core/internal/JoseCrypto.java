package dev.jwe.core.internal;

import java.security.Key;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.jose4j.jwa.AlgorithmFactory;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithm;
import org.jose4j.jwe.RsaKeyManagementAlgorithm;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Issuing tokens (signing and encrypting) with jose4j, for {@code TokenIssuer} and the CLI. Validation
 * does its cryptography through the JCA itself ({@link KeyManagement}, {@link ContentCipher},
 * {@link SignatureCheck}). No jose4j message leaves this class: they can contain the payload.
 */
public final class JoseCrypto {
    private JoseCrypto() {
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
        if (alg.equals("RSA-OAEP-384") || alg.equals("RSA-OAEP-512")) {
            RsaOaepSha2.register();
        }
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

    /**
     * RSA-OAEP-384 and RSA-OAEP-512 (RFC 7518 registrations: SHA-384/SHA-512 for the OAEP hash and
     * MGF1), which jose4j lacks, registered with jose4j's algorithm factory the first time a token is
     * issued with one of them (validation does not use jose4j). jose4j only offers a JVM-wide
     * registry; an algorithm it already knows is left alone.
     */
    private static final class RsaOaepSha2 extends RsaKeyManagementAlgorithm {
        RsaOaepSha2(String alg, String hash) {
            super("RSA/ECB/OAEPPadding", alg);
            setAlgorithmParameterSpec(new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    PSource.PSpecified.DEFAULT));
        }

        static synchronized void register() {
            AlgorithmFactory<KeyManagementAlgorithm> factory =
                    AlgorithmFactoryFactory.getInstance().getJweKeyManagementAlgorithmFactory();
            for (String[] a : new String[][] {{"RSA-OAEP-384", "SHA-384"}, {"RSA-OAEP-512", "SHA-512"}}) {
                if (!factory.getSupportedAlgorithms().contains(a[0])) {
                    factory.registerAlgorithm(new RsaOaepSha2(a[0], a[1]));
                }
            }
        }
    }
}
