package dev.jwe.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI's JSON (RFC 8259) on jackson-core's streaming parser and generator (shaded into
 * {@code jwe.jar}; jose4j stays inside jwe-core's internals, which the CLI does not use): a writer
 * for its output and a strict reader for its input (claims files, {@code --claim} values, a token's
 * protected header).
 *
 * <p>The writer escapes {@code "} and {@code \}, every control character and DEL, U+2028 and U+2029
 * (so that a line of output is one line and safe to embed in JavaScript), and lone surrogates (so
 * that the UTF-8 output is always well-formed). The reader is jackson's strict default (no
 * comments, single quotes, leading zeros, NaN or trailing commas) plus what this class adds: one
 * value and nothing after it, no repeated member name, a nesting limit; its messages give an
 * offset and a problem, never the input's text.
 *
 * <p>Numbers: an integer is read exactly as a {@link Long}, or a {@link BigInteger} beyond long's
 * range; any number with a fraction or an exponent is read exactly as a {@link BigDecimal}, so the
 * digits a user wrote are the digits a minted token carries (no binary rounding of {@code 0.1}).
 * Numbers are written with their {@code toString()}. Stateless.
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .characterEscapes(new OutputEscapes())
            .build();
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    /** Two spaces per level, {@code "name": value}, each element on its own line, {@code {}} and {@code []} when empty. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT)
            .withArrayIndenter(INDENT);

    private Json() {
    }

    /** Input that is not accepted JSON. The message has an offset and a problem, never input text. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(long offset, String problem) {
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
        return generate(value, false);
    }

    /**
     * Writes a value indented by two spaces per level, for people.
     *
     * @param value as for {@link #write(Object)}
     * @return the JSON text, without a final line break
     */
    static String writePretty(Object value) {
        return generate(value, true);
    }

    private static String generate(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(PRETTY.createInstance());
            }
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return escapeLoneSurrogates(out.toString());
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof CharSequence s) {
            g.writeString(s.toString());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Number n) {
            writeNumber(g, n);
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> c) {
            writeArray(g, c);
        } else if (value instanceof Object[] a) {
            writeArray(g, List.of(a));
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeArray(JsonGenerator g, Collection<?> c) throws IOException {
        g.writeStartArray();
        for (Object o : c) {
            writeValue(g, o);
        }
        g.writeEndArray();
    }

    private static void writeNumber(JsonGenerator g, Number n) throws IOException {
        if (n instanceof Double || n instanceof Float) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("JSON has no " + n);
            }
            if (n instanceof Float f) {
                g.writeNumber(f.floatValue());
            } else {
                g.writeNumber(n.doubleValue());
            }
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            g.writeNumber(n.longValue());
        } else if (n instanceof BigInteger big) {
            g.writeNumber(big);
        } else if (n instanceof BigDecimal dec) {
            g.writeNumber(dec);
        } else {
            // Other Number types (atomic, third-party) have toString()s of unknown form.
            throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as JSON");
        }
    }

    /**
     * Replaces each unpaired surrogate by its {@code \}{@code uXXXX} escape. The generator writes
     * everything outside string literals in ASCII, so a surrogate can only stand inside one, where
     * the escape means the same UTF-16 unit; paired surrogates (a code point beyond U+FFFF) stay.
     */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder sb = null;
        for (int i = 0, n = json.length(); i < n; i++) {
            char c = json.charAt(i);
            if (!Character.isSurrogate(c)) {
                if (sb != null) {
                    sb.append(c);
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(json.charAt(i + 1))) {
                if (sb != null) {
                    sb.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else {
                if (sb == null) {
                    sb = new StringBuilder(n + 16).append(json, 0, i);
                }
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? json : sb.toString();
    }

    /** jackson's JSON escapes plus DEL, U+2028 and U+2029, written as {@code \}{@code uXXXX}. */
    private static final class OutputEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
        private final int[] ascii;

        OutputEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? LINE_SEPARATOR : ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
        }
    }

    /**
     * Parses one JSON value: objects become ordered {@link Map}s, arrays {@link List}s, numbers as
     * described on the class, strings {@link String}, literals {@link Boolean} or {@code null}.
     *
     * @param text the JSON text
     * @param maxDepth the deepest nesting of objects and arrays allowed
     * @return the value (may be {@code null} for the literal {@code null})
     * @throws ParseException when the text is not exactly one accepted JSON value
     */
    static Object parse(String text, int maxDepth) throws ParseException {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new ParseException(text.length(), "unexpected end of input");
            }
            Object value = read(p, 0, maxDepth);
            if (p.nextToken() != null) {
                throw new ParseException(offset(p.currentTokenLocation()), "unexpected text after the value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ParseException(offset(e.getLocation()), problem(e));
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory", e);
        }
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

    /** The value whose first token is the parser's current one; {@code depth} is its container's. */
    private static Object read(JsonParser p, int depth, int maxDepth) throws IOException, ParseException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                checkDepth(p, depth + 1, maxDepth);
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (map.containsKey(name)) {
                        throw new ParseException(offset(p.currentTokenLocation()), "duplicate member name");
                    }
                    p.nextToken();
                    map.put(name, read(p, depth + 1, maxDepth));
                }
                return map;
            }
            case START_ARRAY -> {
                checkDepth(p, depth + 1, maxDepth);
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p, depth + 1, maxDepth));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                try {
                    return p.getDecimalValue();
                } catch (NumberFormatException e) {
                    // An exponent beyond what BigDecimal holds.
                    throw new ParseException(offset(p.currentTokenLocation()), "number out of range");
                }
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected " + token);
        }
    }

    private static void checkDepth(JsonParser p, int depth, int maxDepth) throws ParseException {
        if (depth > maxDepth) {
            throw new ParseException(offset(p.currentTokenLocation()), "nested deeper than " + maxDepth);
        }
    }

    private static long offset(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getCharOffset());
    }

    /**
     * The leading words of jackson's description ("unexpected character", "invalid numeric
     * value", ...): jackson quotes or parenthesises what it saw, and that part is left out.
     */
    private static String problem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected end of input";
        }
        String message = String.valueOf(e.getOriginalMessage());
        int end = message.length();
        for (char stop : new char[] {'(', '\'', '"', ':', '[', '`'}) {
            int at = message.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String words = message.substring(0, end).trim();
        if (words.isEmpty() || !words.matches("[A-Za-z][A-Za-z -]*")) {
            return "not valid JSON";
        }
        return Character.toLowerCase(words.charAt(0)) + words.substring(1);
    }
}
