package dev.jwe.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI's JSON (RFC 8259): a writer for its output and a strict parser for its input (claims
 * files, {@code --claim} values, a token's protected header). jose4j stays inside jwe-core, so the
 * CLI carries this small, self-contained codec.
 *
 * <p>The writer escapes {@code "} and {@code \}, every control character, U+2028 and U+2029 (so
 * that a line of output is one line and safe to embed in JavaScript), and lone surrogates (so that
 * the UTF-8 output is always well-formed). The parser refuses duplicate member names, raw control
 * characters in strings, trailing text and nesting deeper than its limit; its messages give an
 * offset, never the input's text. Stateless.
 */
final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Input that is not accepted JSON. The message has an offset and a problem, never input text. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(int offset, String problem) {
            super("invalid JSON at offset " + offset + ": " + problem, null, false, false);
        }
    }

    /**
     * Writes a value compactly, on one line.
     *
     * @param value null, a String, Boolean, Number, Map (keys become strings), Collection or array
     * @return the JSON text
     * @throws IllegalArgumentException for a non-finite number or a type JSON cannot hold
     */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, -1, 0);
        return sb.toString();
    }

    /**
     * Writes a value indented by two spaces per level, for people.
     *
     * @param value as for {@link #write(Object)}
     * @return the JSON text, without a final line break
     */
    static String writePretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 2, 0);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb, int indent, int level) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof CharSequence s) {
            quote(s, sb);
        } else if (value instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (value instanceof Number n) {
            number(n, sb);
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                first = separate(sb, first, indent, level + 1);
                quote(String.valueOf(e.getKey()), sb);
                sb.append(indent < 0 ? ":" : ": ");
                write(e.getValue(), sb, indent, level + 1);
            }
            close(sb, first, indent, level, '}');
        } else if (value instanceof Collection<?> c) {
            writeArray(c, sb, indent, level);
        } else if (value instanceof Object[] a) {
            writeArray(List.of(a), sb, indent, level);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeArray(Collection<?> c, StringBuilder sb, int indent, int level) {
        sb.append('[');
        boolean first = true;
        for (Object o : c) {
            first = separate(sb, first, indent, level + 1);
            write(o, sb, indent, level + 1);
        }
        close(sb, first, indent, level, ']');
    }

    private static boolean separate(StringBuilder sb, boolean first, int indent, int level) {
        if (!first) {
            sb.append(',');
        }
        newline(sb, indent, level);
        return false;
    }

    private static void close(StringBuilder sb, boolean empty, int indent, int level, char bracket) {
        if (!empty) {
            newline(sb, indent, level);
        }
        sb.append(bracket);
    }

    private static void newline(StringBuilder sb, int indent, int level) {
        if (indent >= 0) {
            sb.append('\n');
            sb.append(" ".repeat(indent * level));
        }
    }

    private static void number(Number n, StringBuilder sb) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            sb.append(n);
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal) {
            sb.append(n);
        } else {
            // Other Number types (atomic, third-party) have toString()s of unknown form.
            throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as JSON");
        }
    }

    /** Appends a JSON string literal. */
    static void quote(CharSequence s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        unicodeEscape(c, sb);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, sb);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder sb) {
        sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }

    /**
     * Parses one JSON value: objects become ordered {@link Map}s, arrays {@link List}s, integers
     * {@link Long} (or {@link BigInteger} when too large), other numbers {@link BigDecimal}.
     *
     * @param text the JSON text
     * @param maxDepth the deepest nesting of objects and arrays allowed
     * @return the value (may be {@code null} for the literal {@code null})
     * @throws ParseException when the text is not exactly one accepted JSON value
     */
    static Object parse(String text, int maxDepth) throws ParseException {
        Parser p = new Parser(text, maxDepth);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw new ParseException(p.pos, "unexpected text after the value");
        }
        return value;
    }

    /**
     * Parses a JSON object.
     *
     * @param text the JSON text
     * @param maxDepth the deepest nesting allowed
     * @return the members in document order
     * @throws ParseException when the text is not one accepted JSON object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text, int maxDepth) throws ParseException {
        Object value = parse(text, maxDepth);
        if (!(value instanceof Map<?, ?>)) {
            throw new ParseException(0, "not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** A recursive-descent parser over one text. */
    private static final class Parser {
        private final String text;
        private final int maxDepth;
        private int pos;

        Parser(String text, int maxDepth) {
            this.text = text;
            this.maxDepth = maxDepth;
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        Object value(int depth) throws ParseException {
            if (pos >= text.length()) {
                throw new ParseException(pos, "unexpected end of input");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw new ParseException(pos, "unexpected character");
                }
            };
        }

        private Object literal(String word, Object value) throws ParseException {
            if (!text.startsWith(word, pos)) {
                throw new ParseException(pos, "unexpected character");
            }
            pos += word.length();
            return value;
        }

        private Map<String, Object> object(int depth) throws ParseException {
            checkDepth(depth);
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw new ParseException(pos, "expected a member name");
                }
                int nameAt = pos;
                String name = string();
                if (map.containsKey(name)) {
                    throw new ParseException(nameAt, "duplicate member name");
                }
                skipWhitespace();
                expect(':');
                skipWhitespace();
                map.put(name, value(depth));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array(int depth) throws ParseException {
            checkDepth(depth);
            pos++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(value(depth));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private void checkDepth(int depth) throws ParseException {
            if (depth > maxDepth) {
                throw new ParseException(pos, "nested deeper than " + maxDepth);
            }
        }

        private String string() throws ParseException {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new ParseException(pos, "unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new ParseException(pos - 1, "control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw new ParseException(pos, "unterminated string");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append(hex4());
                    default -> throw new ParseException(pos - 1, "invalid escape");
                }
            }
        }

        private char hex4() throws ParseException {
            if (pos + 4 > text.length()) {
                throw new ParseException(pos, "invalid \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(text.charAt(pos + i), 16);
                if (d < 0 || text.charAt(pos + i) > 'f') {
                    throw new ParseException(pos + i, "invalid \\u escape");
                }
                v = v << 4 | d;
            }
            pos += 4;
            return (char) v;
        }

        private Number number() throws ParseException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw new ParseException(pos, "invalid number");
            }
            boolean integral = true;
            if (peek() == '.') {
                pos++;
                integral = false;
                requireDigits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                integral = false;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                requireDigits();
            }
            String literal = text.substring(start, pos);
            if (integral) {
                BigInteger big = new BigInteger(literal);
                return big.bitLength() < 64 ? (Number) big.longValue() : big;
            }
            try {
                return new BigDecimal(literal);
            } catch (NumberFormatException | ArithmeticException e) {
                // An exponent beyond what BigDecimal holds.
                throw new ParseException(start, "number out of range");
            }
        }

        private void requireDigits() throws ParseException {
            if (!isDigit(peek())) {
                throw new ParseException(pos, "invalid number");
            }
            digits();
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        private int peek() {
            return pos < text.length() ? text.charAt(pos) : -1;
        }

        private void expect(char c) throws ParseException {
            if (peek() != c) {
                throw new ParseException(pos, "expected '" + c + "'");
            }
            pos++;
        }
    }
}
