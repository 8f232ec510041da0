package dev.jwe.core.internal;

import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.XECKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * The algorithm tables: what we support, what is refused outright, which key fits which
 * algorithm, the EC curves, and the algorithms a key is used with when none is configured (by the
 * validator and by {@code TokenIssuer} alike). Key checks here are about type and size on JDK key
 * types; the JWK {@code use}/{@code key_ops}/{@code alg} restrictions of a {@code KeyEntry} are
 * checked in {@code dev.jwe.core.KeyFit}, which calls these tables.
 */
public final class Algorithms {
    /** Minimum RSA modulus size. */
    public static final int MIN_RSA_BITS = 2048;

    /** Key management algorithms we support. */
    public static final List<String> KEY_MANAGEMENT = List.of(
            "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512", "RSA-OAEP",
            "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW",
            "A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW", "dir");
    /** Content encryption algorithms we support. */
    public static final List<String> CONTENT_ENCRYPTION = List.of(
            "A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512");
    /** Inner signature algorithms we support. */
    public static final List<String> SIGNATURE = List.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
            "HS256", "HS384", "HS512", "EdDSA");

    private static final Map<String, Integer> CEK_BYTES = Map.of(
            "A128GCM", 16, "A192GCM", 24, "A256GCM", 32,
            "A128CBC-HS256", 32, "A192CBC-HS384", 48, "A256CBC-HS512", 64);

    private Algorithms() {
    }

    /** Algorithms refused with no option to allow them. */
    public static boolean isForbidden(String alg) {
        return alg.equals("RSA1_5") || alg.startsWith("PBES2") || alg.equalsIgnoreCase("none");
    }

    /** True for key management where anyone holding the public key can encrypt. */
    public static boolean isPublicKeyManagement(String alg) {
        return alg.startsWith("RSA-OAEP") || alg.startsWith("ECDH-ES");
    }

    /** Content-encryption key length in bytes. */
    public static int cekBytes(String enc) {
        return CEK_BYTES.getOrDefault(enc, -1);
    }

    /** IV length in bytes the content encryption requires. */
    public static int ivBytes(String enc) {
        return enc.endsWith("GCM") ? 12 : 16;
    }

    /** Authentication tag length in bytes the content encryption requires. */
    public static int tagBytes(String enc) {
        return enc.endsWith("GCM") ? 16 : cekBytes(enc) / 2;
    }

    /** The AES key length (bytes) of an AES key-wrap algorithm, or -1. */
    static int aesKwBytes(String alg) {
        String a = alg.startsWith("ECDH-ES+") ? alg.substring(8) : alg;
        return switch (a) {
            case "A128KW", "A128GCMKW" -> 16;
            case "A192KW", "A192GCMKW" -> 24;
            case "A256KW", "A256GCMKW" -> 32;
            default -> -1;
        };
    }

    /**
     * Whether a key's type and size fit decryption with key management {@code alg}, content
     * encryption {@code enc} and ephemeral curve {@code epkCurve} (for ECDH-ES). The JWK
     * restrictions ({@code use}, {@code key_ops}, {@code alg}) are checked by the caller.
     *
     * @param key the decryption key
     * @param secretLength the length in bytes of a secret key, else -1
     */
    public static boolean fitsDecryption(Key key, int secretLength, String alg, String enc, String epkCurve) {
        if (alg.startsWith("RSA-OAEP")) {
            return key instanceof RSAPrivateKey r && r.getModulus().bitLength() >= MIN_RSA_BITS;
        }
        if (alg.startsWith("ECDH-ES")) {
            if (key instanceof ECPrivateKey ec) {
                return epkCurve != null && epkCurve.equals(curveName(ec));
            }
            if (key instanceof XECPrivateKey x) {
                return epkCurve != null && x.getParams() instanceof NamedParameterSpec n
                        && n.getName().equalsIgnoreCase(epkCurve);
            }
            return false;
        }
        if (!(key instanceof SecretKey)) {
            return false;
        }
        int expected = alg.equals("dir") ? cekBytes(enc) : aesKwBytes(alg);
        return expected > 0 && secretLength == expected;
    }

    /**
     * Whether a key's type and size fit verifying an inner signature made with {@code alg}. The
     * JWK restrictions are checked by the caller.
     *
     * @param key the verification key (the public half of a key pair)
     * @param secretLength the length in bytes of a secret key, else -1
     */
    public static boolean fitsVerification(Key key, int secretLength, String alg) {
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            // Size is checked here too, not only at start-up: reloaded and remote key sets change.
            return key instanceof RSAKey r && !(key instanceof java.security.PrivateKey)
                    && r.getModulus().bitLength() >= MIN_RSA_BITS;
        }
        if (alg.startsWith("ES")) {
            return key instanceof ECPublicKey ec && alg.equals(esAlgorithm(ec));
        }
        if (alg.startsWith("HS")) {
            int hashBytes = Integer.parseInt(alg.substring(2)) / 8;
            return key instanceof SecretKey && secretLength >= hashBytes;
        }
        if (alg.equals("EdDSA")) {
            return key instanceof EdECKey && !(key instanceof java.security.PrivateKey);
        }
        return false;
    }

    /** The EC curves we support, told apart by field size as everywhere in JOSE (RFC 7518 §6.2.1.1). */
    private enum Curve {
        P_256("P-256", "secp256r1", 256, "ES256"),
        P_384("P-384", "secp384r1", 384, "ES384"),
        P_521("P-521", "secp521r1", 521, "ES512");

        final String jwkName;
        final String jcaName;
        final int fieldBits;
        final String signature;

        Curve(String jwkName, String jcaName, int fieldBits, String signature) {
            this.jwkName = jwkName;
            this.jcaName = jcaName;
            this.fieldBits = fieldBits;
            this.signature = signature;
        }

        static Curve of(ECKey key) {
            int bits = key.getParams().getCurve().getField().getFieldSize();
            for (Curve c : values()) {
                if (c.fieldBits == bits) {
                    return c;
                }
            }
            return null;
        }
    }

    /** The JWK curve name (P-256, P-384, P-521) of an EC key, or null. */
    public static String curveName(ECKey key) {
        Curve c = Curve.of(key);
        return c == null ? null : c.jwkName;
    }

    /**
     * The JCA name of a curve, for generating keys.
     *
     * @param jwkName P-256, P-384 or P-521
     * @return secp256r1, secp384r1 or secp521r1, or null for another name
     */
    public static String jcaCurveName(String jwkName) {
        for (Curve c : Curve.values()) {
            if (c.jwkName.equals(jwkName)) {
                return c.jcaName;
            }
        }
        return null;
    }

    /** The JWK names of the curves we support, in the table's order. */
    public static List<String> curveNames() {
        return Arrays.stream(Curve.values()).map(c -> c.jwkName).toList();
    }

    private static String esAlgorithm(ECKey key) {
        Curve c = Curve.of(key);
        return c == null ? null : c.signature;
    }

    /**
     * The algorithms a kind of key is used with when none is configured: what an issuer uses and
     * what a validator accepts. One table for both, so that a default token is always accepted.
     */
    private record Defaults(String issued, List<String> accepted) {
    }

    private static final Defaults RSA_KEY_MANAGEMENT = new Defaults("RSA-OAEP-256", List.of("RSA-OAEP-256"));
    private static final Defaults ECDH_KEY_MANAGEMENT = new Defaults("ECDH-ES+A256KW",
            List.of("ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"));
    private static final Defaults RSA_SIGNATURE = new Defaults("RS256",
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"));
    private static final Defaults EDDSA_SIGNATURE = new Defaults("EdDSA", List.of("EdDSA"));

    /** Key management by key type; secret keys by length. Null for a key we cannot encrypt to. */
    private static Defaults keyManagementDefaults(Key key, int secretBytes) {
        if (key instanceof RSAKey) {
            return RSA_KEY_MANAGEMENT;
        }
        if (key instanceof ECKey || key instanceof XECKey) {
            return ECDH_KEY_MANAGEMENT;
        }
        if (key instanceof SecretKey && secretBytes > 0) {
            return switch (secretBytes) {
                case 16 -> new Defaults("A128KW", List.of("A128KW", "A128GCMKW", "dir"));
                case 24 -> new Defaults("A192KW", List.of("A192KW", "A192GCMKW", "dir"));
                case 32 -> new Defaults("A256KW", List.of("A256KW", "A256GCMKW", "dir"));
                case 48, 64 -> new Defaults("dir", List.of("dir"));
                // No key wrap has this length: an issuer tries dir, which fails when issuing unless
                // the content encryption's key has this length; a validator assumes nothing.
                default -> new Defaults("dir", List.of());
            };
        }
        return null;
    }

    /** Signature by key type; EC keys by curve, secret keys by length. Null for a key we cannot sign with. */
    private static Defaults signatureDefaults(Key key, int secretBytes) {
        if (key instanceof RSAKey) {
            return RSA_SIGNATURE;
        }
        if (key instanceof ECKey ec) {
            String es = esAlgorithm(ec);
            return es == null ? null : new Defaults(es, List.of(es));
        }
        if (key instanceof EdECKey) {
            return EDDSA_SIGNATURE;
        }
        if (key instanceof SecretKey) {
            List<String> hs = new ArrayList<>();
            for (String alg : List.of("HS256", "HS384", "HS512")) {
                if (secretBytes >= Integer.parseInt(alg.substring(2)) / 8) {
                    hs.add(alg);
                }
            }
            return new Defaults("HS256", hs);
        }
        return null;
    }

    /**
     * The key management an issuer uses for a recipient key when none is chosen.
     *
     * @param key the recipient's key (public or secret)
     * @param secretLength the length in bytes of a secret key, else -1
     * @return the algorithm, one the validator accepts by default for the matching key
     * @throws IllegalArgumentException for a key type we cannot encrypt to
     */
    public static String issuedKeyManagement(Key key, int secretLength) {
        Defaults d = keyManagementDefaults(key, secretLength);
        if (d == null) {
            throw new IllegalArgumentException("encryptionKey: unsupported key type " + key.getAlgorithm());
        }
        return d.issued();
    }

    /**
     * The signature algorithm an issuer uses for a signing key when none is chosen.
     *
     * @param key the signing key (private or secret)
     * @param secretLength the length in bytes of a secret key, else -1
     * @return the algorithm, one the validator accepts by default for the matching key
     * @throws IllegalArgumentException for a key type we cannot sign with
     */
    public static String issuedSignature(Key key, int secretLength) {
        Defaults d = signatureDefaults(key, secretLength);
        if (d == null) {
            throw new IllegalArgumentException("signingKey: unsupported key type " + key.getAlgorithm());
        }
        return d.issued();
    }

    /**
     * Default key management algorithms for a decryption key: RSA-OAEP-256 for an RSA key; the
     * key's own {@code alg} when it names one (RSA-OAEP-384/512 included), RSA-OAEP only when listed.
     *
     * @param keyAlgorithm the key's JWK {@code alg}, or {@code null}
     * @param key the decryption key
     * @param secretLength the length in bytes of a secret key, else -1
     */
    public static Set<String> defaultKeyManagement(String keyAlgorithm, Key key, int secretLength) {
        Set<String> out = new LinkedHashSet<>();
        if (keyAlgorithm != null) {
            if (KEY_MANAGEMENT.contains(keyAlgorithm) && !keyAlgorithm.equals("RSA-OAEP")) {
                out.add(keyAlgorithm);
            } else if (CONTENT_ENCRYPTION.contains(keyAlgorithm)) {
                out.add("dir");
            }
            return out;
        }
        // A public key cannot decrypt: no defaults for it.
        Defaults d = key instanceof PublicKey ? null : keyManagementDefaults(key, secretLength);
        if (d != null) {
            out.addAll(d.accepted());
        }
        return out;
    }

    /**
     * Default signature algorithms for a verification key.
     *
     * @param keyAlgorithm the key's JWK {@code alg}, or {@code null}
     * @param verificationKey the key to verify with (the public half of a key pair)
     * @param secretLength the length in bytes of a secret key, else -1
     */
    public static Set<String> defaultSignature(String keyAlgorithm, Key verificationKey, int secretLength) {
        Set<String> out = new LinkedHashSet<>();
        if (keyAlgorithm != null) {
            if (SIGNATURE.contains(keyAlgorithm)) {
                out.add(keyAlgorithm);
            }
            return out;
        }
        Defaults d = signatureDefaults(verificationKey, secretLength);
        if (d != null) {
            out.addAll(d.accepted());
        }
        return out;
    }

    /** RSA modulus bits, or -1 for other keys. */
    public static int rsaBits(Key key) {
        return key instanceof RSAKey r ? r.getModulus().bitLength() : -1;
    }
}
