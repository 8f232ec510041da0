package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload of local key files, including decryption-key rotation under concurrent load. */
class KeyFileReloadTest {
    private static final KeyEntry ENC_A = TestKeys.rsa("enc-a", 2048);
    private static final KeyEntry ENC_B = TestKeys.rsa("enc-b", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    @TempDir
    Path dir;

    private final AtomicLong mtime = new AtomicLong(1_000_000);

    /** Replaces the file atomically, with a new modification time, as a deployment tool would. */
    private void write(Path file, String content) throws Exception {
        Path tmp = Files.createTempFile(dir, "keys", ".tmp");
        Files.writeString(tmp, content);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.ofEpochSecond(mtime.addAndGet(10))));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String privateJwks(KeyEntry... keys) {
        // Decryption key files hold private keys: written here with jose4j, test-only.
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.length; i++) {
            try {
                org.jose4j.jwk.PublicJsonWebKey jwk = org.jose4j.jwk.PublicJsonWebKey.Factory
                        .newPublicJwk(keys[i].publicKey().orElseThrow());
                jwk.setPrivateKey((java.security.PrivateKey) keys[i].key());
                jwk.setKeyId(keys[i].kid().orElseThrow());
                sb.append(i == 0 ? "" : ",")
                        .append(jwk.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            } catch (org.jose4j.lang.JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.append("]}").toString();
    }

    private JweTokenValidator validator(Path file, Clock clock, Duration interval) {
        return JweTokenValidator.builder()
                .decryptionKeys(KeySources.builder(file.toString()).reloadInterval(interval).clock(clock).build())
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(clock).cacheMaxEntries(0)
                .auditListener(AuditListener.NOOP).build();
    }

    private static String token(KeyEntry enc) {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("exp", Instant.now().plus(Duration.ofDays(3650)).getEpochSecond());
        claims.put("iat", TestKeys.NOW.getEpochSecond());
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(enc)).signingKey(SIG).build().issue(claims);
    }

    @Test
    void keysWhenFileChangesThenReloadedAfterInterval() throws Exception {
        Path file = dir.resolve("enc.jwks.json");
        write(file, privateJwks(ENC_A));
        TestClock clock = new TestClock();
        JweTokenValidator v = validator(file, clock, Duration.ofMinutes(1));
        String tokenB = token(ENC_B);
        assertThat(reason(v, tokenB)).isEqualTo(Reason.UNKNOWN_KEY);

        write(file, privateJwks(ENC_A, ENC_B));
        assertThat(reason(v, tokenB)).isEqualTo(Reason.UNKNOWN_KEY);
        clock.advance(Duration.ofMinutes(1));
        assertThat(v.validate(tokenB).metadata().keyId()).isEqualTo("enc-b");
        assertThat(v.keyHealth().get(0).keyIds()).containsExactly("enc-a", "enc-b");
    }

    @Test
    void keysWhenNewFileIsBrokenThenOldKeysKeptAndErrorReported() throws Exception {
        Path file = dir.resolve("enc.jwks.json");
        write(file, privateJwks(ENC_A));
        TestClock clock = new TestClock();
        JweTokenValidator v = validator(file, clock, Duration.ofMinutes(1));
        String tokenA = token(ENC_A);

        write(file, "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"broken");
        clock.advance(Duration.ofMinutes(1));
        assertThat(v.validate(tokenA).metadata().keyId()).isEqualTo("enc-a");
        KeySourceHealth health = v.keyHealth().get(0);
        assertThat(health.location()).isEqualTo(file.toString());
        assertThat(health.lastError()).contains(file.toString());
        assertThat(health.usable()).isTrue();

        Files.delete(file);
        clock.advance(Duration.ofMinutes(1));
        assertThat(v.validate(tokenA).metadata().keyId()).isEqualTo("enc-a");
        assertThat(v.keyHealth().get(0).lastError()).contains("missing");
    }

    @Test
    void validateWhenJwkOutsideValidityWindowThenKeyNotUsed() throws Exception {
        Path file = dir.resolve("enc.jwks.json");
        String json = privateJwks(ENC_A).replace("\"kid\":\"enc-a\"",
                "\"kid\":\"enc-a\",\"exp\":" + TestKeys.NOW.minusSeconds(1).getEpochSecond());
        write(file, json);
        JweTokenValidator v = validator(file, TestKeys.CLOCK, Duration.ZERO);
        assertThat(reason(v, token(ENC_A))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenDecryptionKeyRotatedUnderLoadThenNoWrongAnswerAtAnyMoment() throws Exception {
        Path file = dir.resolve("enc.jwks.json");
        write(file, privateJwks(ENC_A));
        JweTokenValidator v = validator(file, Clock.systemUTC(), Duration.ofMillis(20));
        String tokenA = token(ENC_A);
        String tokenB = token(ENC_B);

        AtomicInteger phase = new AtomicInteger(1); // 1: A only, 2: A and B, 3: B only
        AtomicLong sequence = new AtomicLong();
        AtomicLong bSeenAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong aGoneAt = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger checks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            boolean useA = t % 2 == 0;
            pool.submit(() -> {
                while (!stop.get()) {
                    int before = phase.get();
                    long start = sequence.incrementAndGet();
                    Object outcome;
                    try {
                        outcome = v.validate(useA ? tokenA : tokenB).metadata().keyId();
                    } catch (TokenRejectedException e) {
                        outcome = e.reason();
                    } catch (RuntimeException e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    long end = sequence.incrementAndGet();
                    int after = phase.get();
                    checks.incrementAndGet();
                    judge(useA, outcome, new long[] {before, after, start, end}, bSeenAt, aGoneAt, wrong);
                }
                return null;
            });
        }
        Thread.sleep(100);
        phase.set(2); // before the write: from here on, B may be seen
        write(file, privateJwks(ENC_A, ENC_B));
        awaitSet(bSeenAt);
        Thread.sleep(100);
        phase.set(3); // before the write: from here on, A may be gone
        write(file, privateJwks(ENC_B));
        awaitSet(aGoneAt);
        Thread.sleep(100);
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(wrong).isEmpty();
        assertThat(checks.get()).isGreaterThan(20);
    }

    /**
     * A-tokens: accepted until the old key is removed (phase 3), then rejected as UNKNOWN_KEY for
     * good. B-tokens: rejected as UNKNOWN_KEY until the new key is added (phase 2), then accepted for
     * good. "For good" means: no validation that started after another one had seen the change
     * may see the old state. Anything else (another reason, an exception) is a wrong answer.
     *
     * @param t phase before, phase after, sequence at start, sequence at end
     */
    private static void judge(boolean tokenA, Object outcome, long[] t, AtomicLong bSeenAt, AtomicLong aGoneAt,
            ConcurrentLinkedQueue<String> wrong) {
        long before = t[0];
        long after = t[1];
        long start = t[2];
        long end = t[3];
        if (tokenA) {
            if ("enc-a".equals(outcome)) {
                if (start > aGoneAt.get()) {
                    wrong.add("A accepted after another request had seen it gone");
                }
            } else if (outcome == Reason.UNKNOWN_KEY) {
                if (after < 3) {
                    wrong.add("A rejected before its key was removed");
                }
                aGoneAt.accumulateAndGet(end, Math::min);
            } else {
                wrong.add("A: " + outcome);
            }
        } else {
            if ("enc-b".equals(outcome)) {
                if (before < 2 && after < 2) {
                    wrong.add("B accepted before its key was added");
                }
                bSeenAt.accumulateAndGet(end, Math::min);
            } else if (outcome == Reason.UNKNOWN_KEY) {
                if (start > bSeenAt.get()) {
                    wrong.add("B rejected after another request had accepted it");
                }
            } else {
                wrong.add("B: " + outcome);
            }
        }
    }

    private static void awaitSet(AtomicLong value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value.get() == Long.MAX_VALUE) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rotation step not observed within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static Reason reason(JweTokenValidator v, String token) {
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> v.validate(token));
        assertThat(e).as("expected a rejection").isNotNull();
        return e.reason();
    }

    @Test
    void validateWhenCachedTokensKeyRotatedOutThenRejectedNotServedFromCache() throws Exception {
        Path file = dir.resolve("enc.jwks.json");
        write(file, privateJwks(ENC_A, ENC_B));
        TestClock clock = new TestClock();
        JweTokenValidator v = JweTokenValidator.builder()
                .decryptionKeys(KeySources.builder(file.toString()).reloadInterval(Duration.ofMinutes(1)).clock(clock)
                        .build())
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(clock)
                .auditListener(AuditListener.NOOP).build();
        String tokenA = token(ENC_A);
        v.validate(tokenA);
        assertThat(v.validate(tokenA).metadata().cached()).isTrue();

        write(file, privateJwks(ENC_B));
        clock.advance(Duration.ofMinutes(1));
        assertThat(reason(v, tokenA)).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenCachedTokensKeyPassesItsJwkExpThenRejected() throws Exception {
        TestClock clock = new TestClock();
        KeyEntry expiring = ENC_A.withValidity(null, TestKeys.NOW.plus(Duration.ofMinutes(2)));
        JweTokenValidator v = JweTokenValidator.builder().decryptionKeys(KeySource.of(expiring))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(clock)
                .auditListener(AuditListener.NOOP).build();
        String tokenA = token(ENC_A);
        v.validate(tokenA);
        assertThat(v.validate(tokenA).metadata().cached()).isTrue();
        clock.advance(Duration.ofMinutes(3));
        assertThat(reason(v, tokenA)).isEqualTo(Reason.UNKNOWN_KEY);
    }
}
