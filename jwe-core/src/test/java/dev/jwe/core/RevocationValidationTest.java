package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RevocationValidationTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);
    private static final RequestInfo REQUEST = new RequestInfo("192.0.2.1", "GET", "/orders");

    private final TestClock clock = new TestClock();
    private final InMemoryRevocationStore store = new InMemoryRevocationStore(1000, Duration.ofHours(24),
            Duration.ofMinutes(15), clock);
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final AuditListener recorder = new AuditListener() {
        @Override
        public void onAccepted(AuditEvent event) {
            events.add(event);
        }

        @Override
        public void onRejected(AuditEvent event) {
            events.add(event);
        }
    };

    private JweTokenValidator validator(UnaryOperator<JweTokenValidator.Builder> options) {
        return options.apply(JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .clock(clock).auditListener(recorder)
                .revocationStore(store)).build();
    }

    private JweTokenValidator validator() {
        return validator(b -> b);
    }

    private static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build().issue(claims);
    }

    private String token() {
        return token(TokenIssuer.claims(clock).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).subject("alice")
                .expiresIn(Duration.ofMinutes(10)).build());
    }

    private static void assertRejected(ThrowingCall call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
            assertThat(e.reason().httpStatus()).isEqualTo(401);
        });
    }

    private AuditEvent lastEvent() {
        return events.get(events.size() - 1);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void validateWhenCachedTokenIsRevokedThenNextValidationRejectsItAsRevoked() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        String other = token();
        VerifiedToken verified = v.validate(token, REQUEST);
        assertThat(v.validate(token, REQUEST).metadata().cached()).isTrue();

        Instant until = v.revocationStore().revoke(verified);

        assertThat(until).isEqualTo(verified.expiresAt().plus(RevocationStore.MAX_CLOCK_SKEW));
        assertRejected(() -> v.validate(token, REQUEST), Reason.REVOKED);
        AuditEvent rejected = lastEvent();
        assertThat(rejected.accepted()).isFalse();
        assertThat(rejected.reason()).isEqualTo(Reason.REVOKED);
        assertThat(rejected.cached()).isTrue();
        assertThat(rejected.jwtId()).isEqualTo(verified.jwtId().orElseThrow());
        assertThat(rejected.subject()).isEqualTo("alice");
        assertThat(Reason.REVOKED.description()).isEqualTo("The token has been revoked.");
        assertThat(v.validate(other, REQUEST).subject()).contains("alice");
    }

    @Test
    void validateWhenRevokedAndCacheOffThenRejectedAsRevoked() throws Exception {
        JweTokenValidator v = validator(b -> b.cacheMaxEntries(0));
        String token = token();
        VerifiedToken verified = v.validate(token);
        store.revokeToken(TestKeys.ISSUER, verified.jwtId().orElseThrow(), verified.expiresAt());
        assertRejected(() -> v.validate(token), Reason.REVOKED);
        assertThat(lastEvent().cached()).isFalse();
    }

    @Test
    void validateWhenRevokedTokenExpiresThenExpiredIsReportedNotRevoked() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        v.revocationStore().revoke(v.validate(token));
        clock.advance(Duration.ofMinutes(11));
        assertRejected(() -> v.validate(token), Reason.EXPIRED);
    }

    @Test
    void validateWhenSubjectRevokedThenEarlierTokensRejectedAndLaterOnesAccepted() throws Exception {
        JweTokenValidator v = validator();
        String before = token();
        v.validate(before);
        clock.advance(Duration.ofSeconds(20));
        v.revocationStore().revokeSubject(TestKeys.ISSUER, "alice", clock.instant());
        String sameSecond = token();
        clock.advance(Duration.ofSeconds(1));
        String after = token();

        assertRejected(() -> v.validate(before), Reason.REVOKED);
        assertRejected(() -> v.validate(sameSecond), Reason.REVOKED);
        assertThat(v.validate(after).subject()).contains("alice");
    }

    @Test
    void validateWhenCachedTokenPassedRevocationManyTimesThenALaterCutoffStillRejectsItAtOnce() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        for (int i = 0; i < 5; i++) {
            assertThat(v.validate(token).subject()).contains("alice");
        }
        v.revocationStore().revokeSubject(TestKeys.ISSUER, "alice", clock.instant().minusSeconds(60));
        assertThat(v.validate(token).subject()).contains("alice"); // issued after that cutoff
        clock.advance(Duration.ofSeconds(5));
        v.revocationStore().revokeSubject(TestKeys.ISSUER, "alice", clock.instant()); // replaces it
        assertRejected(() -> v.validate(token), Reason.REVOKED);
        assertThat(lastEvent().cached()).isTrue();
    }

    @Test
    void validateWhenOtherTokensRevokedBetweenHitsThenThisOneStillAcceptedFromTheCache() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        VerifiedToken first = v.validate(token);
        v.validate(token);
        store.revokeToken(TestKeys.ISSUER, "someone-else", first.expiresAt());
        VerifiedToken again = v.validate(token);
        assertThat(again.metadata().cached()).isTrue();
        assertThat(again.jwtId()).isEqualTo(first.jwtId());
        store.revokeToken(TestKeys.ISSUER, first.jwtId().orElseThrow(), first.expiresAt());
        assertRejected(() -> v.validate(token), Reason.REVOKED);
    }

    @Test
    void validateWhenReplayProtectionThenSecondUseRejectedAsReplayed() throws Exception {
        JweTokenValidator v = validator(JweTokenValidator.Builder::replayProtection);
        String token = token();
        VerifiedToken first = v.validate(token, REQUEST);
        assertRejected(() -> v.validate(token, REQUEST), Reason.REPLAYED);
        AuditEvent replay = lastEvent();
        assertThat(replay.reason()).isEqualTo(Reason.REPLAYED);
        assertThat(replay.jwtId()).isEqualTo(first.jwtId().orElseThrow());
        assertThat(replay.request()).isEqualTo(REQUEST);
        assertThat(Reason.REPLAYED.description()).isEqualTo("The token has already been used.");
        assertThat(v.validate(token(), REQUEST).subject()).contains("alice");
    }

    @Test
    void validateWhenReplayProtectionAndCacheOffThenSecondUseRejectedAsReplayed() throws Exception {
        JweTokenValidator v = validator(b -> b.replayProtection().cacheMaxEntries(0));
        String token = token();
        v.validate(token);
        assertRejected(() -> v.validate(token), Reason.REPLAYED);
    }

    @Test
    void validateWhenReplayProtectionAndNoJtiThenMissingClaim() {
        JweTokenValidator v = validator(JweTokenValidator.Builder::replayProtection);
        String token = token(TokenIssuer.claims(clock).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .subject("alice").expiresIn(Duration.ofMinutes(10)).without("jti").build());
        assertRejected(() -> v.validate(token), Reason.MISSING_CLAIM);
        assertThat(validator().revocationStore()).isSameAs(store);
    }

    @Test
    void validateWhenReplayProtectionAndTokenOutlivesReplayWindowThenLifetimeTooLong() throws Exception {
        JweTokenValidator v = validator(JweTokenValidator.Builder::replayProtection);
        String longLived = token(TokenIssuer.claims(clock).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .subject("alice").expiresIn(Duration.ofMinutes(15)).build());
        assertRejected(() -> v.validate(longLived), Reason.LIFETIME_TOO_LONG);
        String fits = token(TokenIssuer.claims(clock).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .subject("alice").expiresIn(Duration.ofMinutes(14).plusSeconds(30)).build());
        assertThat(v.validate(fits).subject()).contains("alice");
    }

    @Test
    void validateSingleUseWhenReplayProtectionOffThenOnlySingleUseCallsCount() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        v.validate(token);
        v.validate(token);
        assertThat(v.validateSingleUse(token, REQUEST).subject()).contains("alice");
        assertRejected(() -> v.validateSingleUse(token, REQUEST), Reason.REPLAYED);
        assertThat(v.validate(token).subject()).contains("alice");
    }

    @Test
    void validateSingleUseWhenValidatorNotOursThenNotOffered() {
        TokenValidator plain = (token, request) -> {
            throw new TokenRejectedException(Reason.MALFORMED);
        };
        // One-time use is a capability of its own: a plain validator cannot be asked for it, so an
        // adapter with one-time paths refuses it at start-up (see the filter's init tests).
        assertThat(plain).isNotInstanceOf(SingleUseTokenValidator.class);
        assertThat(validator()).isInstanceOf(SingleUseTokenValidator.class);
    }

    @Test
    void validateWhenRevocationLookupFailsThenFailOpenByDefaultAcceptsAndCounts() throws Exception {
        FailingStore failing = new FailingStore();
        JweTokenValidator v = validator(b -> b.revocationStore(failing));
        assertThat(v.validate(token()).subject()).contains("alice");
        assertThat(v.validate(token()).subject()).contains("alice");
        assertThat(v.failOpenCount()).isEqualTo(2);
        assertThat(lastEvent().accepted()).isTrue();
    }

    @Test
    void validateWhenRevocationFailClosedAndStoreFailsThenOurFailureNot401() {
        JweTokenValidator v = validator(b -> b.revocationStore(new FailingStore()).revocationFailClosed());
        String token = token();
        assertThatThrownBy(() -> v.validate(token))
                .isInstanceOf(RevocationStoreException.class)
                .isInstanceOf(ValidationUnavailableException.class)
                .hasMessageContaining("failing-store")
                .hasMessageNotContaining(token.substring(0, 40));
        assertThat(v.failOpenCount()).isZero();
        assertThat(events).noneMatch(AuditEvent::accepted);
    }

    @Test
    void validateWhenReplayRecordFailsThenFailClosedByDefault() {
        JweTokenValidator v = validator(b -> b.revocationStore(new FailingStore()).replayProtection());
        assertThatThrownBy(() -> v.validate(token())).isInstanceOf(RevocationStoreException.class);
        assertThat(v.failOpenCount()).isEqualTo(1); // the lookup failed open, the record did not
    }

    @Test
    void validateWhenReplayFailOpenAndStoreFailsThenAcceptedAndCounted() throws Exception {
        JweTokenValidator v = validator(b -> b.revocationStore(new FailingStore()).replayProtection().replayFailOpen());
        assertThat(v.validate(token()).subject()).contains("alice");
        assertThat(v.failOpenCount()).isEqualTo(2);
    }

    @Test
    void buildWhenNoStoreGivenThenInMemoryStoreOnTheValidatorClockServesAsAdminHook() throws Exception {
        JweTokenValidator v = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).clock(clock).auditListener(recorder).build();
        assertThat(v.revocationStore()).isInstanceOf(InMemoryRevocationStore.class);
        assertThat(v.describePolicy()).contains("revocation-store=memory(max-entries=100000")
                .contains("revocation-fail-open=true").contains("replay-fail-open=false");
        String token = token();
        v.revocationStore().revoke(v.validate(token));
        assertRejected(() -> v.validate(token), Reason.REVOKED);
    }

    @Test
    void revokeWhenVerifiedTokenHasNoJtiThenRefusedWithAdvice() throws Exception {
        JweTokenValidator v = validator();
        VerifiedToken noJti = v.validate(token(TokenIssuer.claims(clock).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).subject("alice").expiresIn(Duration.ofMinutes(10)).without("jti")
                .build()));
        assertThatThrownBy(() -> store.revoke(noJti)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
    }

    /** A store whose cluster is down. */
    private static final class FailingStore implements RevocationStore {
        @Override
        public Instant revokeToken(String issuer, String jwtId, Instant expiresAt) {
            throw new IllegalStateException("cluster down");
        }

        @Override
        public Instant revokeSubject(String issuer, String subject, Instant issuedBefore) {
            throw new IllegalStateException("cluster down");
        }

        @Override
        public boolean isRevoked(String issuer, String jwtId, String subject, Instant issuedAt) {
            throw new IllegalStateException("cluster down");
        }

        @Override
        public boolean recordUse(String issuer, String jwtId, Instant expiresAt) {
            throw new IllegalStateException("cluster down");
        }

        @Override
        public Duration retention() {
            return Duration.ofHours(1);
        }

        @Override
        public Duration replayWindow() {
            return Duration.ofMinutes(15);
        }

        @Override
        public String describe() {
            return "failing-store";
        }
    }
}
