package dev.jwe.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Strict compact serialization: a fixed number of segments, each strict base64url (RFC 7515
 * §2 and RFC 4648 §5: URL alphabet, no padding, no whitespace, canonical trailing bits).
 * Immutable.
 */
public final class Compact {
    private static final boolean[] ALPHABET = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALPHABET[c] = true;
        }
        ALPHABET['-'] = true;
        ALPHABET['_'] = true;
    }

    private final String text;
    private final int[] starts;
    private final int[] ends;

    private Compact(String text, int[] starts, int[] ends) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    /**
     * Splits {@code text} into exactly {@code segments} strict base64url segments.
     *
     * @param text the compact serialization
     * @param segments 5 for JWE, 3 for JWS
     * @return the parsed form, or {@code null} when the text is not of that form
     */
    public static Compact parse(String text, int segments) {
        int[] starts = new int[segments];
        int[] ends = new int[segments];
        int start = 0;
        for (int seg = 0; seg < segments; seg++) {
            // The last segment runs to the end; a further dot in it fails the alphabet check.
            int end = seg == segments - 1 ? text.length() : text.indexOf('.', start);
            if (end < 0 || !strictSegment(text, start, end)) {
                return null;
            }
            starts[seg] = start;
            ends[seg] = end;
            start = end + 1;
        }
        return new Compact(text, starts, ends);
    }

    /**
     * The number of dot-separated segments, for telling a JWE from a JWS without parsing either.
     * Callers first set JSON text apart (claim values may contain dots); a JOSE object never
     * starts with a brace.
     */
    public static int segmentCount(String text) {
        int count = 1;
        for (int i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
            count++;
        }
        return count;
    }

    private static boolean strictSegment(String s, int from, int to) {
        int len = to - from;
        int rem = len % 4;
        if (rem == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !ALPHABET[c]) {
                return false;
            }
        }
        if (rem != 0) {
            int last = value(s.charAt(to - 1));
            // Unused low bits of the last character must be zero, so each byte string has exactly
            // one encoding (otherwise a token can be altered without changing what it decodes to).
            int mask = rem == 2 ? 0x0F : 0x03;
            return (last & mask) == 0;
        }
        return true;
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    /** The text of a segment. */
    public String segment(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /** The number of characters of a segment. */
    public int segmentLength(int i) {
        return ends[i] - starts[i];
    }

    /** The decoded length of a segment, computed from its length alone. */
    public int decodedLength(int i) {
        int len = segmentLength(i);
        return len / 4 * 3 + (len % 4 == 0 ? 0 : len % 4 - 1);
    }

    /** Decodes a segment (already checked strict). */
    public byte[] decode(int i) {
        return Base64.getUrlDecoder().decode(segment(i));
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /**
     * Decodes bytes as strict UTF-8.
     *
     * @param bytes the bytes
     * @return the text, or {@code null} when they are not valid UTF-8
     */
    public static String utf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return strictUtf8(bytes);
            }
        }
        // All ASCII (the usual case): no decoder needed.
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
