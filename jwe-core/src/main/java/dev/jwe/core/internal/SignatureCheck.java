package dev.jwe.core.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;

/**
 * JWS signature verification (RFC 7518 §3) straight through the JCA of a {@link Jca}: our own
 * code rather than jose4j's so that the chosen provider is passed per operation (jose4j's
 * {@code ProviderContext} names providers, which would have to be installed in the JVM). The
 * header has passed our policy and the key fits {@code alg} ({@code KeyFit}: type, RSA size, EC
 * curve, HMAC length).
 *
 * <p>ECDSA signatures are JOSE's fixed-length R||S: exactly twice the curve's order length, R and S
 * in [1, n-1] (refusing the all-zero "psychic signature" whatever the JDK version), verified as
 * IEEE P1363 ({@code SHA256withECDSAinP1363Format}, served by the JDK and by ACCP), so no DER is
 * built by hand. HMAC tags are compared in constant time and must have the full length. Every
 * failure is {@code false}. Stateless.
 */
public final class SignatureCheck {
    private SignatureCheck() {
    }

    /**
     * @param jca where the JCA objects come from
     * @param jws the strictly parsed JWS (three segments, non-empty signature)
     * @param alg the JWS algorithm (allowed, not forbidden)
     * @param key the verification key (fits {@code alg})
     * @return whether the signature verifies
     */
    public static boolean verify(Jca jca, Compact jws, String alg, Key key) {
        try {
            byte[] input = (jws.segment(0) + "." + jws.segment(1)).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = jws.decode(2);
            if (alg.startsWith("HS")) {
                javax.crypto.Mac mac = jca.mac("HmacSHA" + alg.substring(2), key);
                byte[] expected = mac.doFinal(input);
                jca.release(mac);
                return MessageDigest.isEqual(expected, signature);
            }
            if (!(key instanceof PublicKey publicKey)) {
                return false;
            }
            java.security.Signature verifier;
            if (alg.startsWith("RS")) {
                verifier = jca.verifier("SHA" + alg.substring(2) + "withRSA", publicKey, null);
            } else if (alg.startsWith("PS")) {
                String hash = "SHA-" + alg.substring(2);
                verifier = jca.verifier("RSASSA-PSS", publicKey, new PSSParameterSpec(hash, "MGF1",
                        new MGF1ParameterSpec(hash), Integer.parseInt(alg.substring(2)) / 8, 1));
            } else if (alg.startsWith("ES")) {
                if (!(publicKey instanceof ECPublicKey ec) || !rangeOk(signature, ec.getParams().getOrder())) {
                    return false;
                }
                verifier = jca.verifier("SHA" + alg.substring(2) + "withECDSAinP1363Format", publicKey, null);
            } else if (alg.equals("EdDSA") && publicKey instanceof EdECPublicKey) {
                verifier = jca.verifier("EdDSA", publicKey, null);
            } else {
                return false;
            }
            verifier.update(input);
            boolean valid = verifier.verify(signature);
            jca.release(verifier);
            return valid;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** R||S of exactly twice the order's length, each in [1, n-1]. */
    private static boolean rangeOk(byte[] signature, BigInteger order) {
        int half = (order.bitLength() + 7) / 8;
        if (signature.length != 2 * half) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, signature.length));
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0 && s.compareTo(order) < 0;
    }
}
