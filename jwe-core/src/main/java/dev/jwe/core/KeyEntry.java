package dev.jwe.core;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * One key of a {@link KeySet}: an optional key id, the key itself (a private or secret key for
 * decryption, a public or secret key for verification), the public half where there is one, and
 * the JWK usage restrictions ({@code use}, {@code key_ops}, {@code alg}) when the key came from a
 * JWK. Immutable. {@link #toString()} shows the key id and type only, never key material.
 */
public final class KeyEntry {
    private final String kid;
    private final Key key;
    private final PublicKey publicKey;
    private final String use;
    private final String algorithm;
    private final Set<String> keyOps;
    private final Instant notBefore;
    private final Instant expiresAt;
    /** Bytes of a secret key, read once: {@code getEncoded()} copies the secret on every call. */
    private final int secretLength;

    private KeyEntry(String kid, Key key, PublicKey publicKey, String use, String algorithm, Set<String> keyOps) {
        this(kid, key, publicKey, use, algorithm, keyOps, null, null);
    }

    private KeyEntry(String kid, Key key, PublicKey publicKey, String use, String algorithm, Set<String> keyOps,
            Instant notBefore, Instant expiresAt) {
        this.notBefore = notBefore;
        this.expiresAt = expiresAt;
        byte[] encoded = key instanceof SecretKey ? key.getEncoded() : null;
        this.secretLength = encoded == null ? -1 : encoded.length;
        if (encoded != null) {
            java.util.Arrays.fill(encoded, (byte) 0);
        }
        this.kid = kid;
        this.key = Objects.requireNonNull(key, "key");
        this.publicKey = publicKey;
        this.use = use;
        this.algorithm = algorithm;
        this.keyOps = keyOps == null ? Set.of() : Set.copyOf(keyOps);
    }

    /**
     * A key without JWK restrictions.
     *
     * @param kid the key id, or {@code null}
     * @param key a private, public or secret key
     * @param publicKey the public half of a private key, or {@code null}
     * @return the entry
     */
    public static KeyEntry of(String kid, Key key, PublicKey publicKey) {
        return new KeyEntry(kid, key, publicKey != null ? publicKey : key instanceof PublicKey p ? p : null, null, null, null);
    }

    /**
     * A key with the JWK restrictions it was published with.
     *
     * @param kid the key id, or {@code null}
     * @param key a private, public or secret key
     * @param publicKey the public half of a private key, or {@code null}
     * @param use the JWK {@code use} ({@code enc} or {@code sig}), or {@code null}
     * @param algorithm the JWK {@code alg}, or {@code null}
     * @param keyOps the JWK {@code key_ops}, or an empty set
     * @return the entry
     */
    public static KeyEntry of(String kid, Key key, PublicKey publicKey, String use, String algorithm, Set<String> keyOps) {
        return new KeyEntry(kid, key, publicKey != null ? publicKey : key instanceof PublicKey p ? p : null, use, algorithm, keyOps);
    }

    /**
     * The same key, usable only from {@code notBefore} until before {@code expiresAt} (the JWK
     * {@code nbf}/{@code exp} members some key sets carry).
     *
     * @param notBefore first instant of use, or {@code null}
     * @param expiresAt first instant of no more use, or {@code null}
     * @return a copy with the window
     */
    public KeyEntry withValidity(Instant notBefore, Instant expiresAt) {
        return new KeyEntry(kid, key, publicKey, use, algorithm, keyOps, notBefore, expiresAt);
    }

    /**
     * Whether the key may be used at {@code now} (inside its validity window, if it has one).
     *
     * @param now the instant
     * @return true when usable
     */
    public boolean isUsableAt(Instant now) {
        return (notBefore == null || !now.isBefore(notBefore)) && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The key id, if any. */
    public Optional<String> kid() {
        return Optional.ofNullable(kid);
    }

    /** The key: private or secret for decryption, public or secret for verification. */
    public Key key() {
        return key;
    }

    /** The public half, if the key is asymmetric and it is known. */
    public Optional<PublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    /** The JWK {@code use}, if the key was restricted. */
    public Optional<String> use() {
        return Optional.ofNullable(use);
    }

    /** The JWK {@code alg}, if the key was restricted to one algorithm. */
    public Optional<String> algorithm() {
        return Optional.ofNullable(algorithm);
    }

    /** The JWK {@code key_ops}; empty when unrestricted. */
    public Set<String> keyOps() {
        return keyOps;
    }

    /**
     * The length in bytes of a secret key, or -1 for other keys (or a secret key that cannot be
     * exported).
     *
     * @return the length
     */
    public int secretKeyLength() {
        return secretLength;
    }

    /** True for a secret (symmetric) key. */
    public boolean isSymmetric() {
        return key instanceof SecretKey;
    }

    /** True for a private key. */
    public boolean isPrivate() {
        return key instanceof PrivateKey;
    }

    /** A short type for logs: {@code RSA-2048}, {@code EC-256}, {@code oct-256}, {@code OKP}. */
    public String describeType() {
        if (key instanceof RSAKey r) {
            return "RSA-" + r.getModulus().bitLength();
        }
        if (key instanceof ECKey e) {
            return "EC-" + e.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof SecretKey) {
            return "oct-" + (secretLength < 0 ? "?" : String.valueOf(secretLength * 8));
        }
        return key.getAlgorithm();
    }

    @Override
    public String toString() {
        return "KeyEntry[kid=" + (kid == null ? "-" : kid) + ", type=" + describeType()
                + (use == null ? "" : ", use=" + use) + (algorithm == null ? "" : ", alg=" + algorithm) + "]";
    }
}
