package dev.jwe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parseObjectStrictWhenEveryValueTypeThenJavaTypesAsJose4jGave() throws Exception {
        Map<String, Object> m = Json.parseObjectStrict(" {\"s\":\"x\", \"i\":1, \"neg\":-5, \"big\":9223372036854775807,"
                + "\"d\":1.5, \"e\":1E+3, \"t\":true, \"f\":false, \"n\":null, \"a\":[1,\"b\",[]], \"o\":{\"k\":{}}}\n", 3);
        assertThat(m).containsOnlyKeys("s", "i", "neg", "big", "d", "e", "t", "f", "n", "a", "o");
        assertThat(m.keySet()).startsWith("s", "i", "neg");
        assertThat(m.get("s")).isEqualTo("x");
        assertThat(m.get("i")).isEqualTo(1L);
        assertThat(m.get("neg")).isEqualTo(-5L);
        assertThat(m.get("big")).isEqualTo(Long.MAX_VALUE);
        assertThat(m.get("d")).isEqualTo(1.5d);
        assertThat(m.get("e")).isEqualTo(1000d);
        assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(m.get("f")).isEqualTo(Boolean.FALSE);
        assertThat(m).containsEntry("n", null);
        assertThat(m.get("a")).isEqualTo(List.of(1L, "b", List.of()));
        assertThat(m.get("o")).isEqualTo(Map.of("k", Map.of()));
    }

    @Test
    void parseObjectStrictWhenEscapesThenDecoded() throws Exception {
        Map<String, Object> m = Json.parseObjectStrict(
                "{\"v\":\"q\\\"b\\\\s\\/b\\bf\\fn\\nr\\rt\\t\\u00e9\\uD83D\\uDE00\"}", 1);
        assertThat(m.get("v")).isEqualTo("q\"b\\s/b\bf\fn\nr\rt\t\u00e9\uD83D\uDE00");
    }

    @Test
    void parseObjectStrictWhenNestedToTheLimitThenAcceptedAndOneDeeperRefused() throws Exception {
        assertThat(Json.parseObjectStrict("{\"a\":{\"b\":[1]}}", 3)).containsKey("a");
        assertThatThrownBy(() -> Json.parseObjectStrict("{\"a\":{\"b\":[1]}}", 2)).isInstanceOf(Json.BadJsonException.class);
        assertThatThrownBy(() -> Json.parseObjectStrict("{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}", 16))
                .isInstanceOf(Json.BadJsonException.class);
    }

    @Test
    void parseObjectStrictWhenHostileDepthThenRefusedWithoutStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> Json.parseObjectStrict(deep, 16)).isInstanceOf(Json.BadJsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[1]", "\"s\"", "1", "null", "{}x", "{} {}", "{", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{a:1}",
        "{'a':1}", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{,}", "{\"a\":1 \"b\":2}",
        "{\"a\":1,\"a\":2}", "{\"o\":{\"k\":1,\"k\":1}}",
        "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":0x10}",
        "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":nul}",
        "{\"a\":\"unterminated}", "{\"a\":\"bad \\x escape\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u\uff10\uff10\uff11\uff12\"}",
        "{\"a\":\"tab\tinside\"}", "{\"a\":\"nl\ninside\"}", "{\"a\":\"\\\"}", "\ufeff{}", "{\"a\":1}\u00a0"
    })
    void parseObjectStrictWhenNotStrictJsonObjectThenBadJson(String json) {
        assertThatThrownBy(() -> Json.parseObjectStrict(json, 4)).isInstanceOf(Json.BadJsonException.class);
    }

    @Test
    void parseObjectWhenBadThenIllegalArgumentWithoutInputText() {
        assertThatThrownBy(() -> Json.parseObject("{\"secret\":", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
    }

    /** Differential: whatever jose4j writes, we read exactly as jose4j's own reader does. */
    @Property(tries = 300)
    void parseObjectStrictWhenJose4jWroteItThenSameAsJose4jReads(@ForAll("objects") Map<String, Object> doc)
            throws Exception {
        String json = JsonUtil.toJson(doc);
        assertThat(Json.parseObjectStrict(json, 8)).isEqualTo(JsonUtil.parseJson(json));
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return object(3);
    }

    private static Arbitrary<Map<String, Object>> object(int depth) {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(12), value(depth - 1)).ofMaxSize(6);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b));
        if (depth <= 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> object(depth)).map(m -> (Object) m)),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                        .map(l -> (Object) l)));
    }

    @Test
    void parseObjectStrictWhenNumbersBeyondLongOrDoubleThenKeptExact() throws Exception {
        Map<String, Object> m = Json.parseObjectStrict(
                "{\"big\":9223372036854775808,\"neg\":-9223372036854775808,\"huge\":1e400}", 4);
        assertThat(m.get("big")).isEqualTo(new java.math.BigInteger("9223372036854775808"));
        assertThat(m.get("neg")).isEqualTo(Long.MIN_VALUE);
        assertThat(m.get("huge")).isEqualTo(new java.math.BigDecimal("1e400"));
    }

    @Test
    void parseObjectStrictWhenNumberAtTheLengthCapThenAcceptedAndOneLongerRefused() throws Exception {
        String atCap = "-0." + "0".repeat(Json.MAX_NUMBER_CHARS - 4) + "1";
        String integerAtCap = "9".repeat(Json.MAX_NUMBER_CHARS);
        assertThat(atCap).hasSize(Json.MAX_NUMBER_CHARS);

        assertThat(Json.parseObjectStrict("{\"a\":" + atCap + "}", 1).get("a")).isInstanceOf(Double.class);
        assertThat(Json.parseObjectStrict("{\"a\":" + integerAtCap + "}", 1).get("a"))
                .isEqualTo(new java.math.BigInteger(integerAtCap));
        assertThatThrownBy(() -> Json.parseObjectStrict("{\"a\":" + atCap + "1}", 1))
                .isInstanceOf(Json.BadJsonException.class);
        assertThatThrownBy(() -> Json.parseObjectStrict("{\"a\":" + integerAtCap + "9}", 1))
                .isInstanceOf(Json.BadJsonException.class);
        assertThatThrownBy(() -> Json.parseObjectStrict("{\"a\":1e" + "1".repeat(Json.MAX_NUMBER_CHARS) + "}", 1))
                .isInstanceOf(Json.BadJsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "\\udfff", "\\ud800x", "\\ud800\\n", "\\ud800\\u0041", "\\ud800\\ud800",
        "\\ude00\\ud83d", "\\ud83d\ude00", "\\ud83d\\u"})
    void parseObjectStrictWhenEscapedLoneSurrogateThenBadJson(String escaped) {
        assertThatThrownBy(() -> Json.parseObjectStrict("{\"a\":\"" + escaped + "\"}", 1))
                .isInstanceOf(Json.BadJsonException.class);
        assertThatThrownBy(() -> Json.parseObjectStrict("{\"" + escaped + "\":1}", 1))
                .isInstanceOf(Json.BadJsonException.class);
    }

    @Test
    void parseObjectStrictWhenEscapedSurrogatePairThenOneCodePoint() throws Exception {
        assertThat(Json.parseObjectStrict("{\"\\uD834\\uDD1E\":\"\\ud83d\\ude00x\"}", 1))
                .containsEntry("\uD834\uDD1E", "\uD83D\uDE00x");
    }
}
