package dev.jwe.cli;

import dev.jwe.core.Jwks;
import java.math.BigInteger;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Writes JCA keys as JWKs (RFC 7517, parameters of RFC 7518 §6), in the member order people read
 * (kty, kid, use, alg, then the key's parameters). Supports RSA, EC on P-256/P-384/P-521, and secret
 * ({@code oct}) keys: the types {@code jwe keys generate} makes. Curve names come from core's
 * {@link Jwks} (as does the thumbprint that command prints), so they are the ones the library
 * reads. Stateless.
 */
final class Jwk {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwk() {
    }

    /**
     * A JWK with the public parameters of an RSA or EC key.
     *
     * @param kid the key id, or {@code null}
     * @param use {@code enc} or {@code sig}, or {@code null}
     * @param publicKey an RSA or EC public key
     * @return the JWK members, in a stable order
     */
    static Map<String, Object> publicJwk(String kid, String use, PublicKey publicKey) {
        return publicJwk(kid, use, null, publicKey);
    }

    /**
     * A JWK with the public parameters of an RSA or EC key and its {@code alg}.
     *
     * @param kid the key id, or {@code null}
     * @param use {@code enc} or {@code sig}, or {@code null}
     * @param alg the algorithm the key is for, or {@code null}
     * @param publicKey an RSA or EC public key
     * @return the JWK members, in a stable order
     */
    static Map<String, Object> publicJwk(String kid, String use, String alg, PublicKey publicKey) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        if (publicKey instanceof RSAPublicKey rsa) {
            jwk.put("kty", "RSA");
            head(jwk, kid, use, alg);
            jwk.put("n", uint(rsa.getModulus()));
            jwk.put("e", uint(rsa.getPublicExponent()));
        } else if (publicKey instanceof ECPublicKey ec) {
            jwk.put("kty", "EC");
            head(jwk, kid, use, alg);
            jwk.put("crv", Jwks.curveName(ec));
            jwk.put("x", fixed(ec.getW().getAffineX(), coordinateBytes(ec.getParams())));
            jwk.put("y", fixed(ec.getW().getAffineY(), coordinateBytes(ec.getParams())));
        } else {
            throw new IllegalArgumentException("cannot write a " + publicKey.getAlgorithm() + " key as a JWK");
        }
        return jwk;
    }

    /**
     * A JWK with the private (or secret) parameters.
     *
     * @param kid the key id, or {@code null}
     * @param use {@code enc} or {@code sig}, or {@code null}
     * @param key an RSA or EC private key, or a secret key
     * @param publicKey the public half of a private key, else {@code null}
     * @return the JWK members, in a stable order
     */
    static Map<String, Object> privateJwk(String kid, String use, Key key, PublicKey publicKey) {
        return privateJwk(kid, use, null, key, publicKey);
    }

    /**
     * A JWK with the private (or secret) parameters and its {@code alg}.
     *
     * @param kid the key id, or {@code null}
     * @param use {@code enc} or {@code sig}, or {@code null}
     * @param alg the algorithm the key is for, or {@code null}
     * @param key an RSA or EC private key, or a secret key
     * @param publicKey the public half of a private key, else {@code null}
     * @return the JWK members, in a stable order
     */
    static Map<String, Object> privateJwk(String kid, String use, String alg, Key key, PublicKey publicKey) {
        if (key instanceof SecretKey secret && secret.getEncoded() != null) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "oct");
            head(jwk, kid, use, alg);
            jwk.put("k", B64URL.encodeToString(secret.getEncoded()));
            return jwk;
        }
        if (key instanceof RSAPrivateKey rsa && publicKey instanceof RSAPublicKey) {
            Map<String, Object> jwk = publicJwk(kid, use, alg, publicKey);
            jwk.put("d", uint(rsa.getPrivateExponent()));
            if (rsa instanceof RSAPrivateCrtKey crt) {
                jwk.put("p", uint(crt.getPrimeP()));
                jwk.put("q", uint(crt.getPrimeQ()));
                jwk.put("dp", uint(crt.getPrimeExponentP()));
                jwk.put("dq", uint(crt.getPrimeExponentQ()));
                jwk.put("qi", uint(crt.getCrtCoefficient()));
            }
            return jwk;
        }
        if (key instanceof ECPrivateKey ec && publicKey instanceof ECPublicKey) {
            Map<String, Object> jwk = publicJwk(kid, use, alg, publicKey);
            // RFC 7518 §6.2.2.1: d has the full length of the curve order.
            jwk.put("d", fixed(ec.getS(), (ec.getParams().getOrder().bitLength() + 7) / 8));
            return jwk;
        }
        throw new IllegalArgumentException("cannot write a " + key.getAlgorithm() + " key as a JWK");
    }

    /**
     * A JWK Set document of one key.
     *
     * @param jwk the key's members
     * @return the JSON text, ending with a line break
     */
    static String jwkSet(Map<String, Object> jwk) {
        return Json.writePretty(Map.of("keys", List.of(jwk))) + "\n";
    }

    private static void head(Map<String, Object> jwk, String kid, String use, String alg) {
        if (kid != null) {
            jwk.put("kid", kid);
        }
        if (use != null) {
            jwk.put("use", use);
        }
        if (alg != null) {
            jwk.put("alg", alg);
        }
    }

    private static int coordinateBytes(ECParameterSpec params) {
        return (params.getCurve().getField().getFieldSize() + 7) / 8;
    }

    /** RFC 7518 §2 Base64urlUInt: big-endian, the fewest octets (zero is one zero octet). */
    static String uint(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64URL.encodeToString(bytes);
    }

    /** Big-endian, left-padded with zeros to exactly {@code length} octets (EC coordinates). */
    static String fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return B64URL.encodeToString(out);
    }
}
