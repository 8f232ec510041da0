package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import java.security.Key;
import java.util.Set;

/**
 * Which {@link KeyEntry} fits which algorithm, and the algorithms a key is used with when none is
 * configured: the JWK {@code use}/{@code key_ops}/{@code alg} restrictions are checked here (so
 * that a {@code use: sig} key never decrypts), key type and size by the tables of
 * {@link Algorithms}. Shared by the validator's stages, the policy compiler and {@link TokenIssuer}.
 */
final class KeyFit {
    private static final Set<String> DECRYPT_OPS = Set.of("decrypt", "unwrapKey", "deriveKey", "deriveBits");
    private static final Set<String> VERIFY_OPS = Set.of("verify");

    private KeyFit() {
    }

    /**
     * Whether a key may decrypt (key management {@code alg}, content {@code enc}, ephemeral curve
     * {@code epkCurve} for ECDH-ES).
     */
    static boolean fitsDecryption(KeyEntry entry, String alg, String enc, String epkCurve) {
        // A dir key is the content-encryption key itself, so its JWK "alg" may name either "dir" or
        // the content encryption it is for (RFC 7520 §5.6 and Wycheproof give "alg": "A128GCM").
        String keyAlg = alg.equals("dir") && entry.algorithm().filter(enc::equals).isPresent() ? enc : alg;
        return usableFor(entry, keyAlg, "enc", DECRYPT_OPS)
                && Algorithms.fitsDecryption(entry.key(), entry.secretKeyLength(), alg, enc, epkCurve);
    }

    /** Whether a key may verify an inner signature made with {@code alg}. */
    static boolean fitsVerification(KeyEntry entry, String alg) {
        return usableFor(entry, alg, "sig", VERIFY_OPS)
                && Algorithms.fitsVerification(verificationKey(entry), entry.secretKeyLength(), alg);
    }

    /** The key to verify with: the public half of a private key, else the key itself. */
    static Key verificationKey(KeyEntry entry) {
        return entry.isPrivate() && entry.publicKey().isPresent() ? entry.publicKey().get() : entry.key();
    }

    private static boolean usableFor(KeyEntry entry, String alg, String use, Set<String> ops) {
        if (entry.use().isPresent() && !entry.use().get().equals(use)) {
            return false;
        }
        if (!entry.keyOps().isEmpty() && entry.keyOps().stream().noneMatch(ops::contains)) {
            return false;
        }
        return entry.algorithm().isEmpty() || entry.algorithm().get().equals(alg);
    }

    /**
     * The key management an issuer uses for a recipient key when none is chosen.
     *
     * @throws IllegalArgumentException for a key type we cannot encrypt to
     */
    static String issuedKeyManagement(KeyEntry entry) {
        return Algorithms.issuedKeyManagement(entry.key(), entry.secretKeyLength());
    }

    /**
     * The signature algorithm an issuer uses for a signing key when none is chosen.
     *
     * @throws IllegalArgumentException for a key type we cannot sign with
     */
    static String issuedSignature(KeyEntry entry) {
        return Algorithms.issuedSignature(entry.key(), entry.secretKeyLength());
    }

    /** Default key management algorithms for a decryption key (RSA-OAEP only when listed). */
    static Set<String> defaultKeyManagement(KeyEntry entry) {
        return Algorithms.defaultKeyManagement(entry.algorithm().orElse(null), entry.key(), entry.secretKeyLength());
    }

    /** Default signature algorithms for a verification key. */
    static Set<String> defaultSignature(KeyEntry entry) {
        return Algorithms.defaultSignature(entry.algorithm().orElse(null), verificationKey(entry),
                entry.secretKeyLength());
    }
}
