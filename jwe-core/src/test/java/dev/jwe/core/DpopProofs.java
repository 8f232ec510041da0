package dev.jwe.core;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DPoP proofs (RFC 9449 §4.2) made with the JCA alone, independent of the code under test: the
 * JSON, the JWK, the RFC 7638 thumbprint and the signatures are written here from the RFCs, so a
 * shared misreading cannot make both sides agree. Also makes the broken proofs the tests need.
 */
public final class DpopProofs {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private DpopProofs() {
    }

    /** A client key pair with its public JWK members and thumbprint. */
    public record ClientKey(KeyPair pair, String alg, Map<String, String> jwk, String thumbprint) {
    }

    /** A P-256 key for ES256. */
    public static ClientKey ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = g.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            Map<String, String> jwk = new LinkedHashMap<>();
            jwk.put("kty", "EC");
            jwk.put("crv", "P-256");
            jwk.put("x", B64.encodeToString(fixed(pub.getW().getAffineX(), 32)));
            jwk.put("y", B64.encodeToString(fixed(pub.getW().getAffineY(), 32)));
            return new ClientKey(pair, "ES256", jwk, thumbprint(jwk, "crv", "kty", "x", "y"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA 2048 key for RS256 or PS256. */
    public static ClientKey rsa(String alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            Map<String, String> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("n", B64.encodeToString(unsigned(pub.getModulus())));
            jwk.put("e", B64.encodeToString(unsigned(pub.getPublicExponent())));
            return new ClientKey(pair, alg, jwk, thumbprint(jwk, "e", "kty", "n"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 key for EdDSA. */
    public static ClientKey ed25519() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded(); // 12-byte SubjectPublicKeyInfo prefix, then the key
            Map<String, String> jwk = new LinkedHashMap<>();
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            jwk.put("x", B64.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
            return new ClientKey(pair, "EdDSA", jwk, thumbprint(jwk, "crv", "kty", "x"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A proof builder with good defaults: {@code typ} dpop+jwt, the key's {@code alg} and public
     * {@code jwk}, a random {@code jti}, {@code iat} now.
     */
    public static Proof proof(ClientKey key, String htm, String htu, String token, Instant now) {
        return new Proof(key, htm, htu, token, now);
    }

    /** base64url(SHA-256(ASCII text)). */
    public static String sha256(String text) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One proof being built; every setter returns this. */
    public static final class Proof {
        private final ClientKey key;
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String hmacKey;
        private boolean unsigned;

        private Proof(ClientKey key, String htm, String htu, String token, Instant now) {
            this.key = key;
            header.put("typ", "dpop+jwt");
            header.put("alg", key.alg());
            header.put("jwk", new LinkedHashMap<>(key.jwk()));
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("htm", htm);
            claims.put("htu", htu);
            claims.put("iat", now.getEpochSecond());
            if (token != null) {
                claims.put("ath", sha256(token));
            }
        }

        /** Sets or (with {@code null}) removes a header member. */
        public Proof header(String name, Object value) {
            put(header, name, value);
            return this;
        }

        /** Sets or (with {@code null}) removes a claim. */
        public Proof claim(String name, Object value) {
            put(claims, name, value);
            return this;
        }

        /** Adds a member to the {@code jwk} header, e.g. the private {@code d}. */
        @SuppressWarnings("unchecked")
        public Proof jwkMember(String name, String value) {
            ((Map<String, Object>) header.get("jwk")).put(name, value);
            return this;
        }

        /** Signs with HMAC under a symmetric key (alg HS256), as a broken client would. */
        public Proof hmac(String secret) {
            this.hmacKey = secret;
            header.put("alg", "HS256");
            return this;
        }

        /** {@code alg: none} and an empty signature. */
        public Proof none() {
            this.unsigned = true;
            header.put("alg", "none");
            return this;
        }

        /** The compact proof. */
        public String sign() {
            String input = B64.encodeToString(json(header).getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
            if (unsigned) {
                return input + ".";
            }
            try {
                byte[] data = input.getBytes(StandardCharsets.US_ASCII);
                byte[] sig;
                if (hmacKey != null) {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(hmacKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    sig = mac.doFinal(data);
                } else {
                    Signature s = switch (key.alg()) {
                        case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                        case "RS256" -> Signature.getInstance("SHA256withRSA");
                        case "PS256" -> {
                            Signature pss = Signature.getInstance("RSASSA-PSS");
                            pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                            yield pss;
                        }
                        case "EdDSA" -> Signature.getInstance("Ed25519");
                        default -> throw new IllegalArgumentException(key.alg());
                    };
                    s.initSign(key.pair().getPrivate());
                    s.update(data);
                    sig = s.sign();
                }
                return input + "." + B64.encodeToString(sig);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void put(Map<String, Object> map, String name, Object value) {
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
    }

    /** RFC 7638 §3: the required members in lexicographic order, no whitespace, SHA-256, base64url. */
    private static String thumbprint(Map<String, String> jwk, String... members) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String m : members) {
            ordered.put(m, jwk.get(m));
        }
        return sha256Bytes(json(ordered));
    }

    private static String sha256Bytes(String text) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String json(Map<String, ?> map) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, ?> e : map.entrySet()) {
            sb.append(sb.length() == 1 ? "" : ",").append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                sb.append(json((Map<String, ?>) m));
            } else if (v instanceof Number) {
                sb.append(v);
            } else {
                sb.append('"').append(v).append('"');
            }
        }
        return sb.append('}').toString();
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] raw = unsigned(value);
        byte[] out = new byte[length];
        System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        return out;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        return raw[0] == 0 && raw.length > 1 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }
}
