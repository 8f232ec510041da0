package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.KeyIo;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.XECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * What a tool that writes JWKs needs from this library, so that it names curves and computes
 * thumbprints exactly as the library reads them: the EC curve table (RFC 7518 §6.2.1.1) and the
 * RFC 7638 JWK thumbprint, which is also the key id the library gives a PEM key, and the JWE
 * key-management algorithm ({@code alg}) an encryption key is published or generated with, so that
 * an issuer that picks the recipient's key by {@code alg} (Keycloak does) finds it. The {@code jwe}
 * command line uses it for {@code jwe keys generate}, the JWKS publishing servlet for the keys it
 * publishes. Stateless and thread-safe.
 */
public final class Jwks {
    private Jwks() {
    }

    /**
     * The JWK curve name of an EC key.
     *
     * @param key an EC public or private key
     * @return {@code P-256}, {@code P-384} or {@code P-521}
     * @throws IllegalArgumentException for another curve
     */
    public static String curveName(ECKey key) {
        String name = Algorithms.curveName(Objects.requireNonNull(key, "key"));
        if (name == null) {
            throw new IllegalArgumentException("unsupported EC curve of "
                    + key.getParams().getCurve().getField().getFieldSize() + " bits");
        }
        return name;
    }

    /**
     * The parameters to generate a key on a curve, e.g. with
     * {@code KeyPairGenerator.getInstance("EC").initialize(...)}.
     *
     * @param curveName {@code P-256}, {@code P-384} or {@code P-521}
     * @return the JCA parameters of that curve
     * @throws IllegalArgumentException for another name
     */
    public static ECGenParameterSpec curveParameters(String curveName) {
        String jca = Algorithms.jcaCurveName(Objects.requireNonNull(curveName, "curveName"));
        if (jca == null) {
            List<String> names = Algorithms.curveNames();
            throw new IllegalArgumentException("expected " + String.join(", ", names.subList(0, names.size() - 1))
                    + " or " + names.get(names.size() - 1) + ", not " + curveName);
        }
        return new ECGenParameterSpec(jca);
    }

    /**
     * The RFC 7638 JWK thumbprint with SHA-256, base64url-encoded: the key id this library gives a
     * PEM key.
     *
     * @param key an RSA, EC or OKP public key, or a secret key
     * @return the thumbprint
     * @throws IllegalArgumentException for a private key (pass its public half) or a key type a JWK
     *         cannot hold
     */
    public static String thumbprint(Key key) {
        return KeyIo.jwkThumbprint(Objects.requireNonNull(key, "key"));
    }

    /**
     * The key-management algorithm an issuer uses with a key when nothing else is said, and which
     * the validator accepts for that key when no allow-list is configured: {@code RSA-OAEP-256}
     * for RSA, {@code ECDH-ES+A256KW} for EC (and X25519/X448), AES key wrap of the key's size for
     * a 128, 192 or 256 bit secret key, {@code dir} for a longer one.
     *
     * @param key the decryption key (private or secret) or its public half
     * @return the algorithm
     * @throws IllegalArgumentException for a key type tokens cannot be encrypted to
     */
    public static String defaultKeyManagement(Key key) {
        Objects.requireNonNull(key, "key");
        return Algorithms.issuedKeyManagement(key, secretLength(key));
    }

    /**
     * Checks a key-management algorithm for a decryption key: one this library supports (the
     * values {@code jwe.key-management-algorithms} accepts; never {@code RSA1_5}, {@code PBES2-*}),
     * not a signature or content-encryption algorithm, and one the key's type and size fit
     * ({@code RSA-OAEP*} an RSA key of at least 2048 bits, {@code ECDH-ES*} an EC key, AES key wrap
     * a secret key of its size).
     *
     * @param alg the algorithm, e.g. {@code RSA-OAEP-256}
     * @param key the private or secret decryption key
     * @return {@code alg}
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkKeyManagement(String alg, Key key) {
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(key, "key");
        if (Algorithms.isForbidden(alg)) {
            throw new IllegalArgumentException(alg + " is refused and cannot be enabled");
        }
        if (Algorithms.SIGNATURE.contains(alg)) {
            throw new IllegalArgumentException(alg + " is a signature algorithm; an encryption key names its"
                    + " key-management algorithm, one of " + Algorithms.KEY_MANAGEMENT);
        }
        if (!Algorithms.KEY_MANAGEMENT.contains(alg)) {
            throw new IllegalArgumentException("unsupported key-management algorithm " + alg + "; supported: "
                    + Algorithms.KEY_MANAGEMENT);
        }
        if (!fitsKeyManagement(key, secretLength(key), alg)) {
            throw new IllegalArgumentException(alg + " does not fit a " + key.getAlgorithm() + " key");
        }
        return alg;
    }

    /**
     * The key-management algorithm to publish with a decryption key's public half: the key's own
     * {@code alg} when its JWK has one; else the first of {@code allowed} (the configured
     * {@code jwe.key-management-algorithms}) that the key fits; else, when nothing is configured,
     * {@link #defaultKeyManagement(Key)}, which the allow-list derived from the key accepts.
     *
     * @param key a decryption key (private or secret)
     * @param allowed the configured allow-list, empty when it is derived from the keys
     * @return the algorithm, or empty when no allowed algorithm fits the key
     */
    public static Optional<String> publishedKeyManagement(KeyEntry key, List<String> allowed) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(allowed, "allowed");
        if (key.algorithm().isPresent()) {
            return key.algorithm();
        }
        if (!allowed.isEmpty()) {
            return allowed.stream().filter(Algorithms.KEY_MANAGEMENT::contains)
                    .filter(alg -> fitsKeyManagement(key.key(), key.secretKeyLength(), alg)).findFirst();
        }
        try {
            return Optional.of(Algorithms.issuedKeyManagement(key.key(), key.secretKeyLength()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Any content encryption will do: the key-management algorithm decides the fit, except for dir. */
    private static boolean fitsKeyManagement(Key key, int secretLength, String alg) {
        String curve = key instanceof ECKey ec ? Algorithms.curveName(ec)
                : key instanceof XECKey x && x.getParams() instanceof NamedParameterSpec n ? n.getName() : null;
        return Algorithms.CONTENT_ENCRYPTION.stream()
                .anyMatch(enc -> Algorithms.fitsDecryption(key, secretLength, alg, enc, curve));
    }

    private static int secretLength(Key key) {
        byte[] encoded = key instanceof SecretKey ? key.getEncoded() : null;
        return encoded == null ? -1 : encoded.length;
    }
}
