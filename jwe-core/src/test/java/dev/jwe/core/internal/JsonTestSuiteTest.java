package dev.jwe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSONTestSuite parsing corpus (nst/JSONTestSuite {@code test_parsing/}, copied with its LICENSE
 * and PROVENANCE under {@code vectors/jsontestsuite/}) through {@link Json#parseObjectStrict} as a
 * token's bytes reach it: strict UTF-8 decoding ({@link Compact#utf8}) first, at the nesting depth
 * the validator allows for claims.
 *
 * <p>The reader parses objects only (headers, claims and JWKs are objects), so a document whose top
 * level is an array, string, number or literal is refused for that alone. To test what such a
 * document says all the same, its bytes are also read as the value of a member: {@code {"v":}
 * document {@code }}.
 */
class JsonTestSuiteTest {
    /** As the validator reads claims (JweTokenValidator.MAX_CLAIMS_DEPTH); headers allow less. */
    private static final int CLAIMS_DEPTH = 16;
    private static final String DIR = "vectors/jsontestsuite/test_parsing/";

    /** A decision on an {@code i_} file: accepted (and as which Java type) or rejected, and why. */
    private record Decision(boolean accepted, Class<?> type, String reason) {
        static Decision accept(Class<?> type, String reason) {
            return new Decision(true, type, reason);
        }

        static Decision reject(String reason) {
            return new Decision(false, null, reason);
        }
    }

    private static final String NOT_UTF8 = "not UTF-8: token bytes are decoded strictly (RFC 8259 §8.1 requires UTF-8)";
    private static final String LONE_SURROGATE = "an escaped lone surrogate: strings must be well-formed Unicode,"
            + " as unescaped text already is after strict UTF-8 decoding";
    private static final String BEYOND_DOUBLE = "beyond double's range: kept exact as BigDecimal (no infinities);"
            + " the number-length cap bounds its digits";
    private static final String BEYOND_LONG = "beyond long's range: kept exact as BigInteger (RFC 8259 sets no"
            + " range); under the number-length cap";

    /**
     * Every {@code i_} file of the corpus, decided on purpose. For the two whose top level is an
     * object the decision is about the document; for the others about its value as a member (as a
     * document they are refused for their top level).
     */
    private static final Map<String, Decision> IMPLEMENTATION_DEFINED = Map.ofEntries(
            Map.entry("i_number_double_huge_neg_exp.json", Decision.accept(Double.class,
                    "123.456e-789 rounds to 0.0 like every decimal rounds to the nearest double")),
            Map.entry("i_number_huge_exp.json", Decision.reject(
                    "135 characters: over the number-length cap (Json.MAX_NUMBER_CHARS, 128); its exponent is also"
                            + " beyond any BigDecimal's")),
            Map.entry("i_number_neg_int_huge_exp.json", Decision.accept(BigDecimal.class, BEYOND_DOUBLE)),
            Map.entry("i_number_pos_double_huge_exp.json", Decision.accept(BigDecimal.class, BEYOND_DOUBLE)),
            Map.entry("i_number_real_neg_overflow.json", Decision.accept(BigDecimal.class, BEYOND_DOUBLE)),
            Map.entry("i_number_real_pos_overflow.json", Decision.accept(BigDecimal.class, BEYOND_DOUBLE)),
            Map.entry("i_number_real_underflow.json", Decision.accept(Double.class,
                    "123e-10000000 rounds to 0.0 like every decimal rounds to the nearest double")),
            Map.entry("i_number_too_big_neg_int.json", Decision.accept(BigInteger.class, BEYOND_LONG)),
            Map.entry("i_number_too_big_pos_int.json", Decision.accept(BigInteger.class, BEYOND_LONG)),
            Map.entry("i_number_very_big_negative_int.json", Decision.accept(BigInteger.class, BEYOND_LONG)),
            Map.entry("i_object_key_lone_2nd_surrogate.json", Decision.reject(LONE_SURROGATE + " (names too)")),
            Map.entry("i_string_1st_surrogate_but_2nd_missing.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_1st_valid_surrogate_2nd_invalid.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_UTF-16LE_with_BOM.json", Decision.reject(NOT_UTF8)),
            Map.entry("i_string_UTF-8_invalid_sequence.json", Decision.reject(NOT_UTF8)),
            Map.entry("i_string_UTF8_surrogate_U+D800.json", Decision.reject(NOT_UTF8 + "; RFC 3629 excludes"
                    + " encoded surrogates")),
            Map.entry("i_string_incomplete_surrogate_and_escape_valid.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_incomplete_surrogate_pair.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_incomplete_surrogates_escape_valid.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_invalid_lonely_surrogate.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_invalid_surrogate.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_invalid_utf-8.json", Decision.reject(NOT_UTF8)),
            Map.entry("i_string_inverted_surrogates_U+1D11E.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_iso_latin_1.json", Decision.reject(NOT_UTF8)),
            Map.entry("i_string_lone_second_surrogate.json", Decision.reject(LONE_SURROGATE)),
            Map.entry("i_string_lone_utf8_continuation_byte.json", Decision.reject(NOT_UTF8)),
            Map.entry("i_string_not_in_unicode_range.json", Decision.reject(NOT_UTF8 + " (beyond U+10FFFF)")),
            Map.entry("i_string_overlong_sequence_2_bytes.json", Decision.reject(NOT_UTF8 + " (overlong)")),
            Map.entry("i_string_overlong_sequence_6_bytes.json", Decision.reject(NOT_UTF8 + " (overlong)")),
            Map.entry("i_string_overlong_sequence_6_bytes_null.json", Decision.reject(NOT_UTF8 + " (overlong)")),
            Map.entry("i_string_truncated-utf-8.json", Decision.reject(NOT_UTF8)),
            Map.entry("i_string_utf16BE_no_BOM.json", Decision.reject("UTF-16: a NUL byte is no JSON character")),
            Map.entry("i_string_utf16LE_no_BOM.json", Decision.reject("UTF-16: a NUL byte is no JSON character")),
            Map.entry("i_structure_500_nested_arrays.json", Decision.reject(
                    "500 levels: deeper than the caller's cap (16 for claims, 2 for headers)")),
            Map.entry("i_structure_UTF-8_BOM_empty_object.json", Decision.reject(
                    "a byte order mark: RFC 8259 §8.1 forbids adding one, and U+FEFF is no JSON whitespace")));

    /**
     * The {@code y_} objects refused on purpose. RFC 8259 §4 only says member names SHOULD be
     * unique; RFC 7519 §4 and RFC 7516 §4 let a JWT or JWE parser either refuse duplicates or keep
     * the last one. We refuse them, so that no two readers of one token can see two different
     * claims or headers.
     */
    private static final Map<String, String> REFUSED_ON_PURPOSE = Map.of(
            "y_object_duplicated_key.json", "a repeated member name",
            "y_object_duplicated_key_and_value.json", "a repeated member name (even with the same value)");

    static Stream<String> accepted() {
        return files("y_");
    }

    static Stream<String> rejected() {
        return files("n_");
    }

    static Stream<String> implementationDefined() {
        return files("i_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void parseObjectStrictWhenYFileThenAcceptedWhenAnObjectAndAsAMemberValue(String file) throws Exception {
        byte[] document = read(file);
        boolean refused = REFUSED_ON_PURPOSE.containsKey(file);

        assertThat(parses(document)).as("as a document").isEqualTo(isObject(document) && !refused);
        assertThat(parses(asMember(document))).as("as a member value").isEqualTo(!refused);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void parseObjectStrictWhenNFileThenRejected(String file) throws Exception {
        byte[] document = read(file);

        assertThat(parses(document)).as("as a document").isFalse();
        if (!isObject(document) && !file.startsWith("n_structure_")) {
            // The defect is inside the value, not in the shape of the whole document (which the
            // n_structure_ files are about, and which wrapping would change), so it must fail as a
            // member too, not only for its top level.
            assertThat(parses(asMember(document))).as("as a member value").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementationDefined")
    void parseObjectStrictWhenIFileThenAsDecided(String file) throws Exception {
        Decision decision = IMPLEMENTATION_DEFINED.get(file);
        byte[] document = read(file);

        assertThat(decision).as("no decision for " + file).isNotNull();
        if (isObject(document)) {
            assertThat(parses(document)).as(decision.reason()).isEqualTo(decision.accepted());
        } else {
            assertThat(parses(document)).as("refused for its top level").isFalse();
            assertThat(parses(asMember(document))).as(decision.reason()).isEqualTo(decision.accepted());
        }
        if (decision.accepted()) {
            Object value = ((List<?>) Json.parseObjectStrict(Compact.utf8(asMember(document)), CLAIMS_DEPTH).get("v"))
                    .get(0);
            assertThat(value).isInstanceOf(decision.type());
        }
    }

    @Test
    void decisionsWhenCorpusListedThenEveryIFileDecidedAndNoOther() {
        assertThat(IMPLEMENTATION_DEFINED.keySet())
                .containsExactlyInAnyOrderElementsOf(implementationDefined().collect(Collectors.toList()));
        assertThat(accepted().count() + rejected().count() + implementationDefined().count()).isEqualTo(318);
    }

    /** The way a token's claims reach the reader: strict UTF-8, then the strict object reader. */
    private static boolean parses(byte[] bytes) {
        String text = Compact.utf8(bytes);
        if (text == null) {
            return false;
        }
        try {
            Json.parseObjectStrict(text, CLAIMS_DEPTH);
            return true;
        } catch (Json.BadJsonException e) {
            return false;
        }
    }

    private static byte[] asMember(byte[] document) {
        byte[] head = "{\"v\":".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + document.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(document, 0, out, head.length, document.length);
        out[out.length - 1] = '}';
        return out;
    }

    /** Whether the first byte after JSON whitespace opens an object. */
    private static boolean isObject(byte[] document) {
        for (byte b : document) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = JsonTestSuiteTest.class.getClassLoader().getResourceAsStream(DIR + file)) {
            return Objects.requireNonNull(in, file).readAllBytes();
        }
    }

    private static Stream<String> files(String prefix) {
        try (Stream<Path> list = Files.list(Path.of(Objects.requireNonNull(
                JsonTestSuiteTest.class.getClassLoader().getResource(DIR), DIR).toURI()))) {
            List<String> names = list.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".json")).sorted().toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
