package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jose4j.json.JsonUtil;

/**
 * Properties over mutated tokens: whatever is done to a valid token (bytes flipped in any
 * segment, segments dropped, duplicated or swapped, characters inserted, truncation, the header
 * re-encoded with extra members or with arbitrary {@code alg}/{@code enc}/{@code kid}),
 * {@code validate} either accepts it (only when the text is unchanged) or throws
 * {@link TokenRejectedException}, nothing else, never swallowing an unexpected exception, and
 * finishes well within a hang guard (not a speed test).
 */
class TokenMutationPropertiesTest {
    private static final KeyEntry RSA_ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry EC_ENC = TestKeys.ec("ec-1", "P-256");
    private static final KeyEntry OCT = TestKeys.oct("oct-1", 32);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);
    /** Generous: a validation takes milliseconds; this only catches a hang. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(2);

    private final JweTokenValidator validator = JweTokenValidator.builder()
            .decryptionKeys(KeySource.of(RSA_ENC, EC_ENC, OCT))
            .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
            .allowUnsignedWithSymmetricKeyManagement()
            .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
            .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build();

    /** The valid tokens that get mutated. */
    enum Variant {
        RSA_OAEP_256_A256GCM(RSA_ENC, "RSA-OAEP-256", "A256GCM", true),
        RSA_OAEP_256_A128CBC_HS256(RSA_ENC, "RSA-OAEP-256", "A128CBC-HS256", true),
        ECDH_ES_A256GCM(EC_ENC, "ECDH-ES", "A256GCM", true),
        ECDH_ES_A256KW_A256GCM(EC_ENC, "ECDH-ES+A256KW", "A256GCM", true),
        DIR_A256GCM(OCT, "dir", "A256GCM", true),
        DIR_A128CBC_HS256_UNSIGNED(OCT, "dir", "A128CBC-HS256", false);

        private final TokenIssuer issuer;

        Variant(KeyEntry key, String alg, String enc, boolean signed) {
            TokenIssuer.Builder b = TokenIssuer.builder().encryptionKey(key).keyManagementAlgorithm(alg)
                    .contentEncryptionAlgorithm(enc);
            this.issuer = (signed ? b.signingKey(SIG) : b.unsigned()).build();
        }

        String issue() {
            return issuer.issue(TestKeys.claims());
        }
    }

    /** One change to a token; deterministic given its parameters (positions wrap around). */
    sealed interface Mutation {
        String apply(String token);
    }

    /** XOR {@code mask} into one decoded byte of a segment, re-encoded canonically. */
    record FlipBits(int segment, int position, int mask) implements Mutation {
        @Override
        public String apply(String token) {
            byte[] bytes = Forge.unb64(Forge.segments(token)[segment]);
            if (bytes.length == 0) {
                return token;
            }
            bytes[position % bytes.length] ^= (byte) mask;
            return Forge.withSegment(token, segment, Forge.b64(bytes));
        }
    }

    /** Replace one character of the text. */
    record ReplaceChar(int position, char c) implements Mutation {
        @Override
        public String apply(String token) {
            int i = position % token.length();
            return token.substring(0, i) + c + token.substring(i + 1);
        }
    }

    /** Insert characters anywhere. */
    record Insert(int position, String text) implements Mutation {
        @Override
        public String apply(String token) {
            int i = position % (token.length() + 1);
            return token.substring(0, i) + text + token.substring(i);
        }
    }

    /** Keep only a prefix or only a suffix. */
    record Truncate(int keep, boolean fromFront) implements Mutation {
        @Override
        public String apply(String token) {
            int n = keep % token.length();
            return fromFront ? token.substring(token.length() - n) : token.substring(0, n);
        }
    }

    /** Remove one segment (and its dot). */
    record DropSegment(int segment) implements Mutation {
        @Override
        public String apply(String token) {
            List<String> s = new ArrayList<>(List.of(Forge.segments(token)));
            s.remove(segment);
            return String.join(".", s);
        }
    }

    /** Repeat one segment in place. */
    record DuplicateSegment(int segment) implements Mutation {
        @Override
        public String apply(String token) {
            List<String> s = new ArrayList<>(List.of(Forge.segments(token)));
            s.add(segment, s.get(segment));
            return String.join(".", s);
        }
    }

    /** Exchange two segments. */
    record SwapSegments(int a, int b) implements Mutation {
        @Override
        public String apply(String token) {
            List<String> s = new ArrayList<>(List.of(Forge.segments(token)));
            Collections.swap(s, a, b);
            return String.join(".", s);
        }
    }

    /** Re-encode the protected header with one member set to a value ({@code null} removes it). */
    record HeaderMember(String name, Object value) implements Mutation {
        @Override
        public String apply(String token) {
            Map<String, Object> header = Forge.parse(Forge.headerJson(token));
            if (value == null) {
                header.remove(name);
            } else {
                header.put(name, value);
            }
            return Forge.withSegment(token, 0, Forge.b64(JsonUtil.toJson(header).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private Object validateOrReason(String token) {
        try {
            return validator.validate(token);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }

    private void checkMutation(Variant variant, Mutation mutation) {
        String token = variant.issue();
        String mutated = mutation.apply(token);
        long mark = TestLog.mark();
        Object outcome = assertTimeoutPreemptively(HANG_GUARD, () -> validateOrReason(mutated));
        if (mutated.equals(token)) {
            assertThat(outcome).isInstanceOf(VerifiedToken.class);
            Statistics.collect("unchanged");
        } else {
            assertThat(outcome).as("a changed token must be rejected").isInstanceOf(Reason.class);
            Statistics.collect(outcome);
        }
        assertThat(TestLog.since(mark)).as("an exception was swallowed on the way")
                .doesNotContain(TestLog.UNEXPECTED_EXCEPTION);
    }

    @Property(tries = 12)
    void validateWhenTokenUnchangedThenAccepted(@ForAll Variant variant) throws TokenRejectedException {
        assertThat(validator.validate(variant.issue()).subject()).contains("alice");
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void validateWhenTokenTextMutatedThenOnlyRejected(@ForAll Variant variant,
            @ForAll("textMutations") Mutation mutation) {
        checkMutation(variant, mutation);
        Statistics.coverage(c -> {
            c.check(Reason.MALFORMED).count(n -> n > 0);
            c.check(Reason.DECRYPTION_FAILED).count(n -> n > 0);
        });
    }

    @Property(tries = 150)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void validateWhenHeaderRewrittenThenOnlyRejected(@ForAll Variant variant,
            @ForAll("headerMutations") Mutation mutation) {
        checkMutation(variant, mutation);
        Statistics.coverage(c -> c.check(Reason.DECRYPTION_FAILED).count(n -> n > 0));
    }

    @Provide
    Arbitrary<Mutation> textMutations() {
        Arbitrary<Integer> segment = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1 << 20);
        Arbitrary<Character> c = Arbitraries.oneOf(
                Arbitraries.of('.', '=', ' ', '\t', '\n', '+', '/', '-', '_', 'A', 'a', '0', '\0', '{', '%', '\u00e9',
                        '\u0410', '\ufeff'),
                Arbitraries.chars());
        Arbitrary<String> text = Arbitraries.oneOf(
                c.map(String::valueOf),
                Arbitraries.strings().withChars("ABCabc019-_.=+/ ").ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(8));
        return Arbitraries.oneOf(
                Combinators.combine(segment, position, Arbitraries.integers().between(1, 255)).as(FlipBits::new),
                Combinators.combine(position, c).as(ReplaceChar::new),
                Combinators.combine(position, text).as(Insert::new),
                Combinators.combine(position, Arbitraries.of(true, false)).as(Truncate::new),
                segment.map(DropSegment::new),
                segment.map(DuplicateSegment::new),
                Combinators.combine(segment, segment).as(SwapSegments::new));
    }

    @Provide
    Arbitrary<Mutation> headerMutations() {
        Arbitrary<String> anyString = Arbitraries.strings().ofMaxLength(24);
        Arbitrary<String> algorithmish = Arbitraries.of("none", "None", "RSA1_5", "PBES2-HS256+A128KW", "RSA-OAEP",
                "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A256KW", "A256KW", "A256GCMKW", "A128KW", "dir", "A256GCM",
                "A128GCM", "A128CBC-HS256", "A256CBC-HS512", "HS256", "enc-1", "ec-1", "oct-1", "sig-1", "JWT", "");
        Arbitrary<Object> value = Arbitraries.oneOf(
                anyString.map(Object.class::cast),
                algorithmish.map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                anyString.list().ofMaxSize(3).map(Object.class::cast),
                Combinators.combine(anyString, anyString).as((k, v) -> (Object) Map.of("k" + k, v)),
                Arbitraries.just(null));
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of("alg", "enc", "kid", "cty", "typ", "zip", "crit", "jku", "jwk", "x5u", "x5c", "epk",
                        "iv", "tag", "p2c", "p2s", "apu", "apv", "b64", "x"),
                anyString);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("alg", "enc", "kid"), Arbitraries.oneOf(value,
                        algorithmish.map(Object.class::cast))).as(HeaderMember::new),
                Combinators.combine(name, value).as(HeaderMember::new));
    }
}
