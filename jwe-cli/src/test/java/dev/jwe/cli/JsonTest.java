package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void writeWhenStringHasSpecialCharactersThenEscapedPerRfc8259() {
        assertThat(Json.write("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
        assertThat(Json.write("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(Json.write("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
        assertThat(Json.write("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    }

    @Test
    void writeWhenSurrogatesThenPairsKeptAndLoneOnesEscaped() {
        assertThat(Json.write("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
        assertThat(Json.write("a\uD83Db")).isEqualTo("\"a\\ud83db\"");
        assertThat(Json.write("\uDE00\uD83D")).isEqualTo("\"\\ude00\\ud83d\"");
        assertThat(Json.write("x\uD83D")).isEqualTo("\"x\\ud83d\"");
    }

    @Test
    void writeWhenNestedValuesThenCompactJsonInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", null);
        inner.put("t", true);
        inner.put("f", false);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("long", 42L);
        m.put("int", -7);
        m.put("double", 2.5);
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("dec", new BigDecimal("1.50"));
        m.put("list", List.of("x", List.of(), Map.of()));
        m.put("inner", inner);
        m.put("array", new Object[] {1L, "y"});

        assertThat(Json.write(m)).isEqualTo("{\"long\":42,\"int\":-7,\"double\":2.5,"
                + "\"big\":123456789012345678901234567890,\"dec\":1.50,\"list\":[\"x\",[],{}],"
                + "\"inner\":{\"n\":null,\"t\":true,\"f\":false},\"array\":[1,\"y\"]}");
    }

    @Test
    void writePrettyWhenNestedThenIndentedByTwo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1L, 2L));
        m.put("b", Map.of());
        m.put("c", "d");

        assertThat(Json.writePretty(m)).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": \"d\"\n}");
    }

    @Test
    void writeWhenNumberNotFiniteOrTypeUnknownThenRefused() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new java.util.concurrent.atomic.AtomicLong(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseWhenDocumentHasEveryTypeThenValuesInOrder() throws Exception {
        Map<String, Object> m = Json.parseObject(" {\"s\":\"a\\u00e9\\n\\/\\ud83d\\ude00\", \"i\":-12, \"big\":"
                + "9223372036854775808, \"max\":9223372036854775807, \"d\":1.5e2, \"z\":0, \"t\":true,"
                + " \"f\":false, \"n\":null, \"l\":[1,[]], \"o\":{}}\r\n", 4);

        assertThat(new ArrayList<>(m.keySet())).containsExactly("s", "i", "big", "max", "d", "z", "t", "f", "n", "l", "o");
        assertThat(m.get("s")).isEqualTo("a\u00e9\n/\uD83D\uDE00");
        assertThat(m.get("i")).isEqualTo(-12L);
        assertThat(m.get("big")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(m.get("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(m.get("d")).isEqualTo(new BigDecimal("1.5e2"));
        assertThat(m.get("z")).isEqualTo(0L);
        assertThat(m).containsEntry("t", true).containsEntry("f", false).containsEntry("n", null);
        assertThat(m.get("l")).isEqualTo(List.of(1L, List.of()));
        assertThat(m.get("o")).isEqualTo(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":1}x", "{\"a\":1}{}",
        "{\"a\":1,\"a\":2}", "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":tru}",
        "{\"a\":NaN}", "{\"a\":\"x}", "[1,2", "{\"a\":[1,]}", "'a'", "{\"a\":1e99999999999}"})
    void parseWhenNotStrictJsonThenRefused(String text) {
        assertThatThrownBy(() -> Json.parse(text, 8)).isInstanceOf(Json.ParseException.class);
    }

    @Test
    void parseObjectWhenNotAnObjectThenRefused() {
        assertThatThrownBy(() -> Json.parseObject("[1]", 8)).isInstanceOf(Json.ParseException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void parseWhenNestedDeeperThanLimitThenRefused() throws Exception {
        assertThat(Json.parse("[[[1]]]", 3)).isEqualTo(List.of(List.of(List.of(1L))));
        assertThatThrownBy(() -> Json.parse("[[[[1]]]]", 3)).isInstanceOf(Json.ParseException.class)
                .hasMessageContaining("nested deeper than 3");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep, 64)).isInstanceOf(Json.ParseException.class);
    }

    @Test
    void parseWhenRefusedThenMessageHasOffsetButNoInputText() {
        assertThatThrownBy(() -> Json.parse("{\"secret-value\":\"s3cr3t\",}", 4))
                .isInstanceOf(Json.ParseException.class)
                .hasMessageStartingWith("invalid JSON at offset 25")
                .hasMessageNotContaining("s3cr3t").hasMessageNotContaining("secret-value");
    }

    @Property
    boolean writeThenParseWhenAnyStringThenSameString(@ForAll @CharRange(from = '\u0000', to = '\uffff') String s)
            throws Exception {
        return Json.parse(Json.write(s), 1).equals(s);
    }

    @Property
    boolean writeWhenAnyStringThenOneLineOfWellFormedUtf16(
            @ForAll @CharRange(from = '\u0000', to = '\uffff') String s) {
        String out = Json.write(Map.of("k", s));
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= out.length() || !Character.isLowSurrogate(out.charAt(++i))) {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Property
    boolean writeThenParseWhenNumbersThenSameValue(@ForAll long l, @ForAll double d) throws Exception {
        Object parsedLong = Json.parse(Json.write(l), 1);
        if (!Double.isFinite(d)) {
            return parsedLong.equals(l);
        }
        BigDecimal parsedDouble = (BigDecimal) Json.parse(Json.write(d), 1);
        return parsedLong.equals(l) && parsedDouble.doubleValue() == d;
    }
}
