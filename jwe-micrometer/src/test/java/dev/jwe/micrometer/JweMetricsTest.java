package dev.jwe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import dev.jwe.core.AuditTrail;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.SingleUseTokenValidator;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TestTokens;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.VerifiedToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code jwe.validations} and {@code jwe.validation} move as they should for accepted tokens, each
 * rejection reason, cached and uncached decisions and our own failures, through a real validator
 * and the bound (decorated) validator an adapter would use.
 */
class JweMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JweMetrics metrics = JweMetrics.builder(registry).build();
    private final Fixture fixture = new Fixture();

    private TokenValidator bound(UnaryOperator<JweTokenValidator.Builder> options) {
        return metrics.bind(options.apply(fixture.validator().auditListener(metrics.auditListener())).build());
    }

    private double counted(Reason reason, boolean cached) {
        Counter c = registry.find(ValidationMeters.COUNTER).tags(ValidationMeters.tags(reason, cached)).counter();
        return c == null ? 0 : c.count();
    }

    private long timed(Reason reason, boolean cached) {
        Timer t = registry.find(ValidationMeters.TIMER).tags(ValidationMeters.tags(reason, cached)).timer();
        return t == null ? 0 : t.count();
    }

    private double total() {
        return registry.find(ValidationMeters.COUNTER).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Reason rejection(TokenValidator validator, String token) {
        return TestTokens.rejection(validator, token);
    }

    @Test
    void validateWhenAcceptedTwiceThenOneUncachedAndOneCachedCountedAndTimed() throws Exception {
        TokenValidator validator = bound(b -> b);
        String token = Fixture.token();

        validator.validate(token);
        VerifiedToken second = validator.validate(token);

        assertThat(second.metadata().cached()).isTrue();
        assertThat(counted(null, false)).isEqualTo(1);
        assertThat(counted(null, true)).isEqualTo(1);
        assertThat(timed(null, false)).isEqualTo(1);
        assertThat(timed(null, true)).isEqualTo(1);
        assertThat(registry.find(ValidationMeters.COUNTER).tags("outcome", "accepted", "reason", "none").counters())
                .hasSize(2);
        assertThat(total()).isEqualTo(2);
    }

    /** How to make the validator give one reason: the validator's options and the token. */
    record Case(Reason reason, UnaryOperator<JweTokenValidator.Builder> options, Function<Fixture, String> token) {
        @Override
        public String toString() {
            return reason.name();
        }
    }

    static Stream<Case> rejections() {
        KeyEntry otherSigner = TestKeys.ec("sig-1", "P-256");
        return Stream.of(
                new Case(Reason.MALFORMED, b -> b, f -> "not.a.token"),
                new Case(Reason.TOKEN_TOO_LARGE, b -> b.maxTokenLength(1024), f -> Fixture.token() + "x".repeat(1024)),
                new Case(Reason.UNSUPPORTED_ALGORITHM, b -> b.contentEncryptionAlgorithms(List.of("A128GCM")),
                        f -> Fixture.token()),
                new Case(Reason.UNKNOWN_KEY, b -> b, f -> Fixture.token(
                        TestTokens.withKid(TestKeys.publicOnly(Fixture.ENC), "enc-unknown"), Fixture.SIG,
                        Fixture.claims().build())),
                new Case(Reason.DECRYPTION_FAILED, b -> b, f -> Fixture.tampered(Fixture.token())),
                new Case(Reason.INVALID_SIGNATURE, b -> b, f -> Fixture.token(TestKeys.publicOnly(Fixture.ENC),
                        otherSigner, Fixture.claims().build())),
                new Case(Reason.EXPIRED, b -> b, f -> Fixture.token(TokenIssuer.claims(
                        Clock.offset(TestKeys.CLOCK, Duration.ofHours(-1))).issuer(TestKeys.ISSUER)
                        .audience(TestKeys.AUDIENCE).subject("alice").expiresIn(Duration.ofMinutes(10)))),
                new Case(Reason.NOT_YET_VALID, b -> b, f -> Fixture.token(Fixture.claims()
                        .claim("nbf", TestKeys.NOW.getEpochSecond() + 3600))),
                new Case(Reason.LIFETIME_TOO_LONG, b -> b.maxLifetime(Duration.ofMinutes(5)), f -> Fixture.token()),
                new Case(Reason.MISSING_CLAIM, b -> b, f -> Fixture.token(Fixture.claims().without("exp"))),
                new Case(Reason.INVALID_ISSUER, b -> b, f -> Fixture.token(Fixture.claims().issuer("https://other.test"))),
                new Case(Reason.INVALID_AUDIENCE, b -> b, f -> Fixture.token(Fixture.claims().audience("other"))),
                new Case(Reason.INVALID_TYPE, b -> b.tokenType("at+jwt"), f -> Fixture.token()),
                new Case(Reason.REVOKED, b -> b, f -> {
                    String token = Fixture.token();
                    f.store.revokeToken(TestKeys.ISSUER, jti(token), TestKeys.NOW.plus(Duration.ofMinutes(10)));
                    return token;
                }));
    }

    /** The jti of a token made by {@link Fixture#token()}, read back through a plain validator. */
    private static String jti(String token) {
        try {
            return new Fixture().validator().build().validate(token).jwtId().orElseThrow();
        } catch (TokenRejectedException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void validateWhenRejectedThenCountedAndTimedUnderItsReasonOnly(Case c) {
        TokenValidator validator = bound(c.options());
        String token = c.token().apply(fixture);

        assertThat(rejection(validator, token)).isEqualTo(c.reason());

        assertThat(counted(c.reason(), false)).isEqualTo(1);
        assertThat(timed(c.reason(), false)).isEqualTo(1);
        assertThat(registry.find(ValidationMeters.COUNTER).tag("outcome", "rejected").counters()).hasSize(1);
        assertThat(total()).isEqualTo(1);
    }

    @Test
    void validateSingleUseWhenUsedTwiceThenReplayedCounted() throws Exception {
        TokenValidator validator = bound(b -> b);
        String token = Fixture.token();
        assertThat(validator).isInstanceOf(SingleUseTokenValidator.class);
        SingleUseTokenValidator single = (SingleUseTokenValidator) validator;

        single.validateSingleUse(token, RequestInfo.NONE);
        assertThatThrownBy(() -> single.validateSingleUse(token, RequestInfo.NONE))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REPLAYED));

        assertThat(counted(null, false)).isEqualTo(1);
        assertThat(counted(Reason.REPLAYED, true)).isEqualTo(1);
        assertThat(timed(Reason.REPLAYED, true)).isEqualTo(1);
    }

    @Test
    void validateWhenSameBadTokenTwiceThenSecondRejectionCountedAsCached() {
        TokenValidator validator = bound(b -> b);
        String token = Fixture.tampered(Fixture.token());

        rejection(validator, token);
        rejection(validator, token);

        assertThat(counted(Reason.DECRYPTION_FAILED, false)).isEqualTo(1);
        assertThat(counted(Reason.DECRYPTION_FAILED, true)).isEqualTo(1);
        assertThat(timed(Reason.DECRYPTION_FAILED, true)).isEqualTo(1);
    }

    @Test
    void validateWhenKeySourceFailsThenUnavailableCountedAndNoStoreError() {
        TokenValidator validator = bound(b -> b.cacheMaxEntries(0));
        fixture.keysDown.set(true);

        assertThatThrownBy(() -> validator.validate(Fixture.token())).isInstanceOf(ValidationUnavailableException.class);

        assertThat(counted(Reason.UNAVAILABLE, false)).isEqualTo(1);
        assertThat(timed(Reason.UNAVAILABLE, false)).isEqualTo(1);
        assertThat(registry.get(ValidationMeters.COUNTER).tags("outcome", "unavailable").counter().count()).isEqualTo(1);
        assertThat(storeErrors("fail-closed")).isZero();
    }

    @Test
    void validateWhenFailClosedStoreFailsThenUnavailableAndStoreErrorCounted() throws Exception {
        TokenValidator validator = bound(JweTokenValidator.Builder::revocationFailClosed);
        validator.validate(Fixture.token()); // the bound validator now knows the listener counts
        fixture.storeDown.set(true);

        assertThatThrownBy(() -> validator.validate(Fixture.token())).isInstanceOf(ValidationUnavailableException.class);
        assertThatThrownBy(() -> validator.validate(Fixture.token())).isInstanceOf(ValidationUnavailableException.class);

        assertThat(counted(null, false)).isEqualTo(1);
        assertThat(counted(Reason.UNAVAILABLE, false)).isEqualTo(2);
        assertThat(timed(Reason.UNAVAILABLE, false)).isEqualTo(2);
        assertThat(storeErrors("fail-closed")).isEqualTo(2);
        assertThat(storeErrors("fail-open")).isZero();
    }

    @Test
    void validateWhenFailOpenStoreFailsThenAcceptedAndFailOpenPassCounted() throws Exception {
        TokenValidator validator = bound(b -> b);
        fixture.storeDown.set(true);

        validator.validate(Fixture.token());
        validator.validate(Fixture.token());

        assertThat(counted(null, false)).isEqualTo(2);
        assertThat(storeErrors("fail-open")).isEqualTo(2);
        assertThat(storeErrors("fail-closed")).isZero();
    }

    private double storeErrors(String mode) {
        return registry.get(JweMetrics.STORE_ERRORS).tag("mode", mode).meter().measure().iterator().next().getValue();
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = {"MISSING_TOKEN", "INVALID_REQUEST", "INSUFFICIENT_SCOPE"})
    void auditTrailWhenAdapterRejectsThroughBoundValidatorThenCountedNotTimed(Reason reason) {
        TokenValidator validator = bound(b -> b);

        AuditTrail.of(validator, AuditTrail.NONE).rejected(reason, null, new RequestInfo("192.0.2.9", "GET", "/x"));

        assertThat(counted(reason, false)).isEqualTo(1);
        assertThat(registry.find(ValidationMeters.TIMER).timers()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void auditListenerWhenEventOfEachReasonThenItsTagsAndTimerOnlyForTheValidatorsOwn(Reason reason) {
        AuditListener listener = metrics.auditListener();

        listener.onRejected(new AuditEvent(TestKeys.NOW, false, reason, null, null, null, null, null, null, null,
                RequestInfo.NONE, Duration.ofMillis(3), true));

        Counter c = registry.get(ValidationMeters.COUNTER).counter();
        assertThat(c.getId().getTag("outcome")).isEqualTo(reason == Reason.UNAVAILABLE ? "unavailable" : "rejected");
        assertThat(c.getId().getTag("reason")).isEqualTo(reason.name());
        assertThat(c.getId().getTag("cached")).isEqualTo("true");
        assertThat(c.count()).isEqualTo(1);
        boolean adapters = reason == Reason.MISSING_TOKEN || reason == Reason.INVALID_REQUEST
                || reason == Reason.INSUFFICIENT_SCOPE;
        assertThat(registry.find(ValidationMeters.TIMER).timers()).hasSize(adapters ? 0 : 1);
        if (!adapters) {
            assertThat(registry.get(ValidationMeters.TIMER).timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isEqualTo(3);
        }
    }

    @Test
    void bindWhenValidatorLacksTheListenerThenBoundValidatorCountsItselfAndWarnsOnce() throws Exception {
        TokenValidator validator = metrics.bind(fixture.validator().build());
        long mark = logSize();

        validator.validate(Fixture.token());
        rejection(validator, "not.a.token");
        rejection(validator, "still.not.a.token");

        assertThat(counted(null, false)).isEqualTo(1);
        assertThat(counted(Reason.MALFORMED, false)).isEqualTo(2);
        assertThat(timed(Reason.MALFORMED, false)).isEqualTo(2);
        String log = logSince(mark);
        assertThat(log).contains("does not include JweMetrics.auditListener()");
        assertThat(log.split("does not include", -1)).hasSize(2);
    }

    @Test
    void bindWhenListenerAndBoundValidatorBothSeeACallThenCountedOnce() throws Exception {
        TokenValidator validator = bound(b -> b);

        validator.validate(Fixture.token());
        AuditTrail.of(validator, AuditTrail.NONE).rejected(Reason.MISSING_TOKEN, null, RequestInfo.NONE);

        assertThat(total()).isEqualTo(2);
    }

    @Test
    void bindWhenPlainTokenValidatorThenObservedAndCountedWithoutStateMeters() throws Exception {
        VerifiedToken verified = fixture.validator().build().validate(Fixture.token());
        TokenValidator plain = (token, request) -> {
            if (token.equals("good")) {
                return verified;
            }
            throw new TokenRejectedException(Reason.EXPIRED);
        };
        TokenValidator validator = metrics.bind(plain);

        validator.validate("good");
        rejection(validator, "bad");

        assertThat(validator).isNotInstanceOf(SingleUseTokenValidator.class);
        assertThat(AuditTrail.of(validator, null)).isSameAs(AuditTrail.NONE);
        assertThat(counted(null, false)).isEqualTo(1);
        assertThat(counted(Reason.EXPIRED, false)).isEqualTo(1);
        assertThat(registry.find(JweMetrics.STORE_ERRORS).tag("mode", "fail-open").meters()).isEmpty();
    }

    @Test
    void bindWhenJweTokenValidatorThenAuditTrailIsTheValidatorsOwn() {
        JweTokenValidator jwe = fixture.validator().build();

        assertThat(AuditTrail.of(metrics.bind(jwe), null)).isSameAs(jwe.auditTrail());
    }

    @Test
    void builderWhenOptionsOutOfBoundsThenRefusedNamingThem() {
        assertThatThrownBy(() -> JweMetrics.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("registry");
        assertThatThrownBy(() -> JweMetrics.builder(registry).observationRegistry(null))
                .isInstanceOf(NullPointerException.class).hasMessage("observationRegistry");
        assertThatThrownBy(() -> JweMetrics.builder(registry).histogram((Duration) null))
                .isInstanceOf(NullPointerException.class).hasMessage("histogram");
        assertThatThrownBy(() -> JweMetrics.builder(registry).histogram(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("histogram:");
        assertThatThrownBy(() -> JweMetrics.builder(registry).percentiles(0.5, 1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("percentiles:");
        assertThatThrownBy(() -> JweMetrics.builder(registry).percentiles(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("percentiles:");
        assertThatThrownBy(() -> metrics.bind(null)).isInstanceOf(NullPointerException.class).hasMessage("validator");
    }

    private static long logSize() throws java.io.IOException {
        Path log = Path.of("target/slf4j-test.log");
        org.slf4j.LoggerFactory.getLogger(JweMetrics.class); // opens the file
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private static String logSince(long mark) throws java.io.IOException {
        byte[] all = Files.readAllBytes(Path.of("target/slf4j-test.log"));
        return new String(all, (int) mark, all.length - (int) mark, java.nio.charset.StandardCharsets.UTF_8);
    }
}
