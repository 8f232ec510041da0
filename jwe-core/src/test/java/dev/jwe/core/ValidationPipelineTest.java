package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.internal.TokenDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The orchestration around the stages: cache, revocation, and what each audit event may say. */
class ValidationPipelineTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");
    private static final RequestInfo REQUEST = new RequestInfo("203.0.113.7", "GET", "/orders");

    private final CapturingAuditListener recorder = new CapturingAuditListener();

    /** Decryption keys that an operator may swap, or break, after start-up. */
    private final AtomicReference<KeySet> decryptionKeys = new AtomicReference<>(KeySet.of(List.of(ENC)));
    private final AtomicReference<RuntimeException> keysFailure = new AtomicReference<>();

    private JweTokenValidator.Builder builder() {
        KeySource source = () -> {
            RuntimeException failure = keysFailure.get();
            if (failure != null) {
                throw failure;
            }
            return decryptionKeys.get();
        };
        return TestTokens.validator(source, KeySource.of(TestKeys.publicOnly(SIG))).auditListener(recorder);
    }

    private static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build().issue(claims);
    }

    private AuditEvent lastEvent() {
        List<AuditEvent> events = recorder.events();
        return events.get(events.size() - 1);
    }

    @Test
    void validateSingleUseWhenNoJtiThenRejectionNotRememberedForPlainCalls() throws Exception {
        JweTokenValidator v = builder().build();
        String token = token(TokenIssuer.claims(TestKeys.CLOCK).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .subject("alice").expiresIn(Duration.ofMinutes(10)).without("jti").build());

        assertThat(TestTokens.rejection(new SingleUse(v), token)).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(lastEvent().subject()).isEqualTo("alice");

        // MISSING_CLAIM is a reason the cache remembers, but this one came from the one-time-use
        // check of one call, not from the token: a plain call must still accept it.
        assertThat(v.validate(token, REQUEST).subject()).contains("alice");
        assertThat(lastEvent().accepted()).isTrue();
        assertThat(lastEvent().cached()).isTrue();
    }

    /** Asks for one-time use on every call. */
    private record SingleUse(JweTokenValidator validator) implements TokenValidator {
        @Override
        public VerifiedToken validate(String token, RequestInfo request) throws TokenRejectedException {
            return validator.validateSingleUse(token, request);
        }
    }

    @Test
    void validateWhenKeySourceEmptiedAfterStartThenOurFailureAuditedWithHeaderFacts() {
        JweTokenValidator v = builder().build();
        String token = token(TestKeys.claims());
        decryptionKeys.set(KeySet.empty());

        assertThatThrownBy(() -> v.validate(token, REQUEST)).isInstanceOf(KeySourceException.class)
                .hasMessage("No decryption keys are available");
        AuditEvent e = lastEvent();
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.keyId()).isEqualTo("enc-1");
        assertThat(e.algorithm()).isEqualTo("RSA-OAEP-256");
        assertThat(e.encryption()).isEqualTo("A256GCM");
        assertThat(e.subject()).isNull();
        assertThat(e.fingerprint()).isEqualTo(TokenDigest.fingerprintOf(token));
    }

    @Test
    void validateWhenStageHitsUnexpectedExceptionThenMalformedWithHeaderFactsAndTypeLoggedAtDebug() {
        JweTokenValidator v = builder().cacheMaxEntries(0).build();
        String token = token(TestKeys.claims());
        keysFailure.set(new IllegalStateException("a message that might quote the token"));

        long mark = TestLog.mark();
        assertThat(TestTokens.rejection(v, token)).isEqualTo(Reason.MALFORMED);
        String log = TestLog.since(mark);

        assertThat(log).contains(TestLog.UNEXPECTED_EXCEPTION + "java.lang.IllegalStateException")
                .doesNotContain("might quote");
        AuditEvent e = lastEvent();
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.keyId()).isEqualTo("enc-1");
        assertThat(e.algorithm()).isEqualTo("RSA-OAEP-256");
    }

    @Test
    void validateWhenNeitherCacheNorListenerThenNoFingerprintIsComputed() throws Exception {
        String token = token(TestKeys.claims());
        JweTokenValidator quiet = builder().cacheMaxEntries(0).auditListener(AuditListener.NOOP).build();
        assertThat(quiet.validate(token).metadata().fingerprint()).isNull();

        JweTokenValidator audited = builder().cacheMaxEntries(0).build();
        assertThat(audited.validate(token).metadata().fingerprint()).isEqualTo(TokenDigest.fingerprintOf(token));
        JweTokenValidator cachedOnly = builder().auditListener(AuditListener.NOOP).build();
        assertThat(cachedOnly.validate(token).metadata().fingerprint()).isEqualTo(TokenDigest.fingerprintOf(token));
    }

    @Test
    void validateWhenRejectedBeforeHeaderReadThenEventHasOnlyTheFingerprint() {
        JweTokenValidator v = builder().build();
        assertThat(TestTokens.rejection(v, "x".repeat(20_000))).isEqualTo(Reason.TOKEN_TOO_LARGE);
        assertThat(lastEvent().keyId()).isNull();
        assertThat(lastEvent().fingerprint()).isEqualTo(TokenDigest.fingerprintOf("x".repeat(20_000)));
        assertThat(TestTokens.rejection(v, "e30.AAAA.AAAA.AAAA.AAAA")).isEqualTo(Reason.MALFORMED);
        assertThat(lastEvent().algorithm()).isNull();
        assertThat(lastEvent().cached()).isFalse();
    }

    @Test
    void validateWhenRequestMissingThenNullPointerBeforeAnyEvent() {
        JweTokenValidator v = builder().build();
        assertThatThrownBy(() -> v.validate(token(TestKeys.claims()), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("request");
        assertThat(recorder.events()).isEmpty();
    }

    @Test
    void validateWhenDecryptionKeyRotatedOutThenCachedTokenValidatedAgainWithTheNewSet() throws Exception {
        JweTokenValidator v = builder().build();
        String token = token(TestKeys.claims());
        v.validate(token, REQUEST);
        v.validate(token, REQUEST);
        assertThat(lastEvent().cached()).isTrue();

        decryptionKeys.set(KeySet.of(List.of(TestKeys.rsa("enc-2", 2048))));
        assertThat(TestTokens.rejection(v, token)).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(lastEvent().cached()).isFalse();
        assertThat(v.cachedTokenCount()).isZero();
    }
}
