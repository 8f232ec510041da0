package dev.jwe.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * A strict JSON reader (RFC 8259) for token headers, claims and key documents, kept as our own
 * code because no reader at hand is strict enough for untrusted tokens by default: jose4j's
 * accepts trailing commas, leading zeros, raw control characters and any depth; jackson's accepts
 * repeated member names and allows 1,000-digit numbers. This one refuses:
 * <ul>
 *   <li>duplicate member names (two readers of one token must never see two different claims);</li>
 *   <li>nesting deeper than the caller allows, checked while descending, so that a hostile
 *       document cannot exhaust the stack;</li>
 *   <li>number literals longer than {@value #MAX_NUMBER_CHARS} characters, before any conversion
 *       (see the constant);</li>
 *   <li>escaped lone surrogates (a {@code \}{@code u} escape of U+D800 to U+DFFF without its other
 *       half): strings come out as well-formed Unicode, as the strict UTF-8 decoding of a token's
 *       bytes already guarantees for unescaped text;</li>
 *   <li>anything after the top-level object, a top level other than an object, unescaped control
 *       characters, leading zeros, a byte order mark, and every other departure from RFC 8259.</li>
 * </ul>
 * The JSONTestSuite corpus in the tests pins each of these decisions. Values have the types
 * jose4j's reader gave: objects as insertion-ordered maps, arrays as lists, integers as {@link Long}
 * (or an exact {@link java.math.BigInteger} beyond its range), other numbers as the nearest {@link
 * Double} (or an exact {@link java.math.BigDecimal} beyond its range, where the nearest would be
 * infinite), {@link String}, {@link Boolean} and {@code null}. Writing goes through jose4j. (Being
 * our own also spares the 32 KiB buffer jose4j's reader allocated per document.)
 */
public final class Json {
    /**
     * The longest number literal accepted, sign and exponent included. The numbers a JOSE document
     * holds are short: a 64-bit integer has at most 20 characters with its sign, a double in its
     * shortest round-trip form at most 25 (e.g. {@code -2.2250738585072014E-308}); a writer that
     * spells a tiny double in fixed notation needs more (JSONTestSuite's
     * {@code y_number_double_close_to_zero} has 81), and 128 leaves room for that. Converting digits
     * to a BigInteger or BigDecimal costs more than linear time, so without a cap a key document
     * from a remote key set (up to 1 MiB) could hold one number of a million digits.
     */
    public static final int MAX_NUMBER_CHARS = 128;

    private Json() {
    }

    /** Thrown for any JSON that is not accepted; carries no text of the input. */
    public static final class BadJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        BadJsonException() {
            super("bad JSON", null, false, false);
        }
    }

    /**
     * Parses a JSON object.
     *
     * @param json the text
     * @param maxDepth the deepest nesting of objects and arrays allowed
     * @return the members, in document order
     * @throws BadJsonException when it is not a JSON object, is nested too deeply, or repeats a member
     */
    public static Map<String, Object> parseObjectStrict(String json, int maxDepth) throws BadJsonException {
        return parseObjectStrict(json, maxDepth, false);
    }

    /**
     * Parses a JSON object into unmodifiable maps and lists all the way down, so that the result
     * can be handed out as it is (no defensive deep copy).
     *
     * @param json the text
     * @param maxDepth the deepest nesting of objects and arrays allowed
     * @return the members, in document order, deeply unmodifiable
     * @throws BadJsonException when it is not a JSON object, is nested too deeply, or repeats a member
     */
    public static Map<String, Object> parseObjectFrozen(String json, int maxDepth) throws BadJsonException {
        return parseObjectStrict(json, maxDepth, true);
    }

    private static Map<String, Object> parseObjectStrict(String json, int maxDepth, boolean frozen)
            throws BadJsonException {
        Reader r = new Reader(json, maxDepth, frozen);
        r.skipWhitespace();
        if (r.peek() != '{') {
            throw new BadJsonException();
        }
        Map<String, Object> map = r.object(1);
        r.skipWhitespace();
        if (r.pos != json.length()) {
            throw new BadJsonException();
        }
        return map;
    }

    /**
     * Parses a JSON object, turning failures into an unchecked exception (for configuration).
     *
     * @param json the text
     * @param maxDepth the deepest nesting allowed
     * @return the members
     */
    public static Map<String, Object> parseObject(String json, int maxDepth) {
        try {
            return parseObjectStrict(json, maxDepth);
        } catch (BadJsonException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
    }

    /**
     * Writes a map as compact JSON.
     *
     * @param map the members
     * @return the text
     */
    public static String write(Map<String, ?> map) {
        return JsonUtil.toJson(map);
    }

    /** Recursive descent over one document; {@code pos} is the next character to read. */
    private static final class Reader {
        private final String s;
        private final int maxDepth;
        private int pos;

        /** Whether objects and arrays are returned as unmodifiable views of maps and lists no one else holds. */
        private final boolean frozen;

        Reader(String s, int maxDepth, boolean frozen) {
            this.frozen = frozen;
            this.s = s;
            this.maxDepth = maxDepth;
        }

        int peek() {
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        void expect(char c) throws BadJsonException {
            if (peek() != c) {
                throw new BadJsonException();
            }
            pos++;
        }

        Object value(int depth) throws BadJsonException {
            skipWhitespace();
            int c = peek();
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw new BadJsonException();
            }
        }

        Map<String, Object> object(int depth) throws BadJsonException {
            if (depth > maxDepth) {
                throw new BadJsonException();
            }
            expect('{');
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return frozen ? Collections.unmodifiableMap(map) : map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw new BadJsonException();
                }
                String name = string();
                skipWhitespace();
                expect(':');
                Object v = value(depth);
                if (map.containsKey(name)) {
                    throw new BadJsonException();
                }
                map.put(name, v);
                skipWhitespace();
                int c = peek();
                pos++;
                if (c == '}') {
                    return frozen ? Collections.unmodifiableMap(map) : map;
                }
                if (c != ',') {
                    throw new BadJsonException();
                }
            }
        }

        List<Object> array(int depth) throws BadJsonException {
            if (depth > maxDepth) {
                throw new BadJsonException();
            }
            expect('[');
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return frozen ? Collections.unmodifiableList(list) : list;
            }
            while (true) {
                list.add(value(depth));
                skipWhitespace();
                int c = peek();
                pos++;
                if (c == ']') {
                    return frozen ? Collections.unmodifiableList(list) : list;
                }
                if (c != ',') {
                    throw new BadJsonException();
                }
            }
        }

        Object literal(String word, Object value) throws BadJsonException {
            if (!s.startsWith(word, pos)) {
                throw new BadJsonException();
            }
            pos += word.length();
            return value;
        }

        String string() throws BadJsonException {
            pos++; // the opening quote
            int start = pos;
            // Fast path: no escape before the closing quote.
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    return s.substring(start, pos++);
                }
                if (c == '\\') {
                    break;
                }
                if (c < 0x20) {
                    throw new BadJsonException();
                }
                pos++;
            }
            StringBuilder sb = new StringBuilder(pos - start + 16).append(s, start, pos);
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new BadJsonException();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> unicodeEscape(sb);
                    default -> throw new BadJsonException();
                }
            }
            throw new BadJsonException();
        }

        /** After {@code \}{@code u}: one BMP character, or a surrogate pair as two escapes; a lone half is refused. */
        private void unicodeEscape(StringBuilder sb) throws BadJsonException {
            char c = hex4();
            if (Character.isLowSurrogate(c)) {
                throw new BadJsonException();
            }
            sb.append(c);
            if (Character.isHighSurrogate(c)) {
                if (!s.startsWith("\\u", pos)) {
                    throw new BadJsonException();
                }
                pos += 2;
                char low = hex4();
                if (!Character.isLowSurrogate(low)) {
                    throw new BadJsonException();
                }
                sb.append(low);
            }
        }

        private char hex4() throws BadJsonException {
            if (pos + 4 > s.length()) {
                throw new BadJsonException();
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                char c = s.charAt(pos++);
                int d;
                if (c >= '0' && c <= '9') {
                    d = c - '0';
                } else if (c >= 'a' && c <= 'f') {
                    d = c - 'a' + 10;
                } else if (c >= 'A' && c <= 'F') {
                    d = c - 'A' + 10;
                } else {
                    // Not Character.digit: it also takes non-ASCII digits.
                    throw new BadJsonException();
                }
                v = v << 4 | d;
            }
            return (char) v;
        }

        Object number() throws BadJsonException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            int intStart = pos;
            digits();
            int intDigits = pos - intStart;
            if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) {
                throw new BadJsonException();
            }
            boolean integer = true;
            if (peek() == '.') {
                pos++;
                if (digits() == 0) {
                    throw new BadJsonException();
                }
                integer = false;
            }
            int c = peek();
            if (c == 'e' || c == 'E') {
                pos++;
                c = peek();
                if (c == '+' || c == '-') {
                    pos++;
                }
                if (digits() == 0) {
                    throw new BadJsonException();
                }
                integer = false;
            }
            if (pos - start > MAX_NUMBER_CHARS) {
                throw new BadJsonException();
            }
            String text = s.substring(start, pos);
            try {
                if (integer) {
                    // RFC 8259 sets no range: integers beyond long stay exact (MAX_NUMBER_CHARS
                    // bounds their length); callers that need a long range-check them.
                    return text.length() < 19 ? (Object) Long.parseLong(text) : parseBigInteger(text);
                }
                double d = Double.parseDouble(text);
                return Double.isInfinite(d) ? new java.math.BigDecimal(text) : (Object) d;
            } catch (NumberFormatException e) {
                throw new BadJsonException();
            }
        }

        private static Object parseBigInteger(String text) {
            java.math.BigInteger big = new java.math.BigInteger(text);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }

        private int digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            return pos - start;
        }
    }
}
