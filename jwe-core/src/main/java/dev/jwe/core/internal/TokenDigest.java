package dev.jwe.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The full SHA-256 of a token's text: the cache key (so a cache holds no token text, and only the
 * exact same string can hit an entry: no truncation) and, in its first 16 hex digits, the
 * fingerprint that logs use to correlate attempts. Immutable. Held as four {@code long}s, not a
 * {@code byte[]}: one object of 48 bytes per cache entry instead of two of 72.
 */
public final class TokenDigest {
    /**
     * One SHA-256 engine, never used itself: each digest works on a clone of it, which copies a
     * few small arrays instead of the provider look-up and reflective construction of
     * {@code MessageDigest.getInstance} on every call (the cache key is computed on every request).
     */
    private static final MessageDigest SHA256 = sha256();
    private static final boolean CLONEABLE = cloneable();

    private final long d0;
    private final long d1;
    private final long d2;
    private final long d3;

    private TokenDigest(byte[] digest) {
        this.d0 = word(digest, 0);
        this.d1 = word(digest, 8);
        this.d2 = word(digest, 16);
        this.d3 = word(digest, 24);
    }

    /** Eight bytes, big-endian. */
    private static long word(byte[] b, int from) {
        long w = 0;
        for (int i = from; i < from + 8; i++) {
            w = (w << 8) | (b[i] & 0xFF);
        }
        return w;
    }

    /**
     * @param token the token text, any characters: hashed as UTF-8, so two texts have the same
     *     digest only if their UTF-8 bytes are the same (printable ASCII text is its own UTF-8),
     *     and its {@link #fingerprint()} is {@link #fingerprintOf(String)}
     * @return its digest
     */
    public static TokenDigest of(String token) {
        // UTF-8 of an ASCII-only compact string is one vectorised check and a copy.
        return new TokenDigest(newSha256().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @return a fresh SHA-256 engine of the JDK's providers, as {@code MessageDigest.getInstance}
     *     would give, without its per-call look-up when the engine can be cloned
     */
    public static MessageDigest newSha256() {
        if (CLONEABLE) {
            try {
                return (MessageDigest) SHA256.clone();
            } catch (CloneNotSupportedException e) {
                // Checked at start-up; falls through to a new instance.
            }
        }
        return sha256();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static boolean cloneable() {
        try {
            SHA256.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }

    /**
     * Whether every character is visible ASCII (0x21-0x7E): the only characters a compact token
     * can have.
     *
     * @param s the text
     * @return true when printable ASCII only
     */
    public static boolean isPrintableAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fingerprint of any text, for audit events of tokens that never reached the cache
     * (malformed, too large, not ASCII): first 16 hex digits of SHA-256 over its UTF-8 bytes.
     *
     * @param text the text
     * @return 16 lower-case hex digits
     */
    public static String fingerprintOf(String text) {
        byte[] d = newSha256().digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 8);
    }

    /** The first 16 lower-case hex digits. */
    public String fingerprint() {
        return HexFormat.of().toHexDigits(d0);
    }

    @Override
    public boolean equals(Object o) {
        // All four words compared without an early exit, as MessageDigest.isEqual does.
        return o instanceof TokenDigest d && ((d.d0 ^ d0) | (d.d1 ^ d1) | (d.d2 ^ d2) | (d.d3 ^ d3)) == 0;
    }

    @Override
    public int hashCode() {
        // SHA-256 output is uniform: any 32 of its bits make a good hash.
        return (int) (d0 >>> 32);
    }

    @Override
    public String toString() {
        return "TokenDigest[" + fingerprint() + "]";
    }
}
