package dev.jwe.core.internal;

import java.security.Key;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One key as read by {@link KeyIo}: the key, its public half where known, and the JWK members that
 * restrict its use. jwe-core turns it into a {@code KeyEntry}. {@link #toString()} shows the key id
 * and algorithm only, never key material.
 *
 * @param kid the key id, or {@code null}
 * @param key a private, public or secret key
 * @param publicKey the public half, or {@code null}
 * @param use the JWK {@code use}, or {@code null}
 * @param algorithm the JWK {@code alg}, or {@code null}
 * @param keyOps the JWK {@code key_ops}; empty when unrestricted
 * @param notBefore the JWK {@code nbf}, or {@code null}
 * @param expiresAt the JWK {@code exp}, or {@code null}
 */
public record ParsedKey(String kid, Key key, PublicKey publicKey, String use, String algorithm, Set<String> keyOps,
        Instant notBefore, Instant expiresAt) {

    /** Checks the key and copies the operations. */
    public ParsedKey {
        Objects.requireNonNull(key, "key");
        keyOps = keyOps == null ? Set.of() : Set.copyOf(keyOps);
    }

    /**
     * A key without JWK restrictions (from PEM or PKCS#12).
     *
     * @param kid the key id, or {@code null}
     * @param key the key
     * @param publicKey its public half, or {@code null}
     * @return the parsed key
     */
    public static ParsedKey of(String kid, Key key, PublicKey publicKey) {
        return new ParsedKey(kid, key, publicKey, null, null, Set.of(), null, null);
    }

    @Override
    public String toString() {
        return "ParsedKey[kid=" + (kid == null ? "-" : kid) + ", algorithm=" + key.getAlgorithm() + "]";
    }
}
