package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RevocationStore} must do, run against each implementation (in-memory here,
 * JCache on Hazelcast in {@code jwe-jcache}, through jwe-core's test-jar). Time moves on a
 * {@link TestClock}: stores read expiry from their clock, whatever their physical expiry.
 * Retention 1 h, replay window 10 min.
 */
public abstract class RevocationStoreContract {
    /** The issuer the tests revoke for. */
    protected static final String ISS = "https://issuer.test";
    private static final Instant NOW = TestKeys.NOW;

    /** The clock every store of the test runs on. */
    protected final TestClock clock = new TestClock();
    private RevocationStore store;

    /**
     * A new, empty store.
     *
     * @param retention how long revocations are kept at most
     * @param replayWindow how long uses are kept at most
     * @param clock the clock
     * @return the store
     */
    protected abstract RevocationStore newStore(Duration retention, Duration replayWindow, Clock clock);

    @BeforeEach
    public void openStore() {
        store = newStore(Duration.ofHours(1), Duration.ofMinutes(10), clock);
    }

    @AfterEach
    public void closeStore() {
        store.close();
    }

    @Test
    public void isRevokedWhenNothingRevokedThenFalse() {
        assertThat(store.isRevoked(ISS, "j1", "alice", NOW)).isFalse();
        assertThat(store.isRevoked(ISS, null, null, null)).isFalse();
        assertThat(store.isRevoked(null, "j1", null, null)).isFalse();
    }

    @Test
    public void revokeTokenWhenRevokedThenOnlyThatJtiOfThatIssuerIsRevoked() {
        assertThat(store.revokeToken(ISS, "j1", NOW.plusSeconds(600))).isEqualTo(NOW.plusSeconds(900));
        assertThat(store.isRevoked(ISS, "j1", "alice", NOW)).isTrue();
        assertThat(store.isRevoked(ISS, "j1", null, null)).isTrue();
        assertThat(store.isRevoked(ISS, "j2", "alice", NOW)).isFalse();
        assertThat(store.isRevoked("https://other.test", "j1", "alice", NOW)).isFalse();
        assertThat(store.isRevoked(null, "j1", "alice", NOW)).isFalse();
    }

    @Test
    public void revokeTokenWhenIssuerAndJtiSplitDifferentlyThenNoCollision() {
        store.revokeToken("ab", "c", NOW.plusSeconds(600));
        assertThat(store.isRevoked("a", "bc", null, null)).isFalse();
        assertThat(store.isRevoked("abc", "", null, null)).isFalse();
        assertThat(store.isRevoked("ab", "c", null, null)).isTrue();
    }

    @Test
    public void revokeTokenWhenExpiryPlusLargestSkewPassedThenForgotten() {
        store.revokeToken(ISS, "j1", NOW.plusSeconds(600));
        clock.advance(Duration.ofSeconds(899));
        assertThat(store.isRevoked(ISS, "j1", null, null)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.isRevoked(ISS, "j1", null, null)).isFalse();
    }

    @Test
    public void revokeTokenWhenTokenOutlivesRetentionThenKeptForTheRetentionOnly() {
        assertThat(store.revokeToken(ISS, "j1", NOW.plus(Duration.ofHours(5)))).isEqualTo(NOW.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(store.isRevoked(ISS, "j1", null, null)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.isRevoked(ISS, "j1", null, null)).isFalse();
    }

    @Test
    public void revokeTokenWhenAlreadyExpiredThenNothingIsKept() {
        assertThat(store.revokeToken(ISS, "j1", NOW.minusSeconds(600))).isEqualTo(NOW.minusSeconds(300));
        assertThat(store.isRevoked(ISS, "j1", null, null)).isFalse();
    }

    @Test
    public void revokeTokenWhenRevokedAgainLaterThenKeptLonger() {
        store.revokeToken(ISS, "j1", NOW.plus(Duration.ofHours(5)));
        clock.advance(Duration.ofMinutes(30));
        assertThat(store.revokeToken(ISS, "j1", NOW.plus(Duration.ofHours(5))))
                .isEqualTo(NOW.plus(Duration.ofMinutes(90)));
        clock.advance(Duration.ofMinutes(45));
        assertThat(store.isRevoked(ISS, "j1", null, null)).isTrue();
    }

    @Test
    public void revokeSubjectWhenTokenIssuedBeforeOrInTheCutoffSecondThenRevoked() {
        Instant cutoff = NOW.plusMillis(700);
        assertThat(store.revokeSubject(ISS, "alice", cutoff)).isEqualTo(cutoff.plus(Duration.ofHours(1)));
        assertThat(store.isRevoked(ISS, "j1", "alice", NOW.minusSeconds(60))).isTrue();
        assertThat(store.isRevoked(ISS, "j1", "alice", NOW)).isTrue();
        assertThat(store.isRevoked(ISS, "j1", "alice", null)).isTrue();
        assertThat(store.isRevoked(ISS, null, "alice", NOW)).isTrue();
        assertThat(store.isRevoked(ISS, "j1", "alice", NOW.plusSeconds(1))).isFalse();
        assertThat(store.isRevoked(ISS, "j1", "bob", NOW.minusSeconds(60))).isFalse();
        assertThat(store.isRevoked("https://other.test", "j1", "alice", NOW.minusSeconds(60))).isFalse();
    }

    @Test
    public void revokeSubjectWhenEarlierCutoffComesLaterThenTheLaterCutoffStays() {
        store.revokeSubject(ISS, "alice", NOW);
        assertThat(store.revokeSubject(ISS, "alice", NOW.minus(Duration.ofMinutes(30))))
                .isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(store.isRevoked(ISS, null, "alice", NOW.minusSeconds(10))).isTrue();
        store.revokeSubject(ISS, "alice", NOW.plusSeconds(2));
        assertThat(store.isRevoked(ISS, null, "alice", NOW.plusSeconds(1))).isTrue();
        assertThat(store.isRevoked(ISS, null, "alice", NOW.plusSeconds(3))).isFalse();
    }

    @Test
    public void revokeSubjectWhenRetentionPassedThenForgotten() {
        store.revokeSubject(ISS, "alice", NOW);
        clock.advance(Duration.ofMinutes(59));
        assertThat(store.isRevoked(ISS, null, "alice", NOW.minusSeconds(10))).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.isRevoked(ISS, null, "alice", NOW.minusSeconds(10))).isFalse();
    }

    @Test
    public void revokeSubjectWhenCutoffIsInTheFutureThenRefused() {
        assertThatThrownBy(() -> store.revokeSubject(ISS, "alice", NOW.plus(Duration.ofMinutes(6))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.isRevoked(ISS, null, "alice", NOW)).isFalse();
    }

    @Test
    public void recordUseWhenSameTokenAgainThenReplay() {
        assertThat(store.recordUse(ISS, "j1", NOW.plusSeconds(60))).isTrue();
        assertThat(store.recordUse(ISS, "j1", NOW.plusSeconds(60))).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(store.recordUse(ISS, "j1", NOW.plusSeconds(60))).isFalse();
    }

    @Test
    public void recordUseWhenOtherJtiOrOtherIssuerThenFirstUse() {
        assertThat(store.recordUse(ISS, "j1", NOW.plusSeconds(60))).isTrue();
        assertThat(store.recordUse(ISS, "j2", NOW.plusSeconds(60))).isTrue();
        assertThat(store.recordUse("https://other.test", "j1", NOW.plusSeconds(60))).isTrue();
        assertThat(store.recordUse(null, "j1", NOW.plusSeconds(60))).isTrue();
    }

    @Test
    public void recordUseWhenEarlierUseExpiredThenFirstUseAgain() {
        assertThat(store.recordUse(ISS, "j1", NOW.plusSeconds(60))).isTrue();
        clock.advance(Duration.ofSeconds(359));
        assertThat(store.recordUse(ISS, "j1", NOW.plusSeconds(600))).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.recordUse(ISS, "j1", NOW.plusSeconds(600))).isTrue();
        assertThat(store.recordUse(ISS, "j1", NOW.plusSeconds(600))).isFalse();
    }

    @Test
    public void recordUseWhenTokenOutlivesReplayWindowThenKeptForTheWindowOnly() {
        assertThat(store.recordUse(ISS, "j1", NOW.plus(Duration.ofHours(2)))).isTrue();
        clock.advance(Duration.ofMinutes(9));
        assertThat(store.recordUse(ISS, "j1", NOW.plus(Duration.ofHours(2)))).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.recordUse(ISS, "j1", NOW.plus(Duration.ofHours(2)))).isTrue();
    }

    @Test
    public void recordUseWhenManyThreadsRaceForOneTokenThenExactlyOneWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                String jti = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<Boolean> use = () -> {
                        start.await();
                        return store.recordUse(ISS, jti, NOW.plusSeconds(60));
                    };
                    results.add(pool.submit(use));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("first uses of %s", jti).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void recordUseWhenUsedOrRevokedThenTheTwoTablesStayApart() {
        store.recordUse(ISS, "j1", NOW.plusSeconds(60));
        assertThat(store.isRevoked(ISS, "j1", null, null)).isFalse();
        store.revokeToken(ISS, "j2", NOW.plusSeconds(60));
        assertThat(store.recordUse(ISS, "j2", NOW.plusSeconds(60))).isTrue();
        assertThat(store.isRevoked(ISS, "j2", null, null)).isTrue();
    }

    @Test
    public void methodsWhenJtiOrSubjectMissingThenRefused() {
        assertThatThrownBy(() -> store.revokeToken(ISS, null, NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.revokeToken(ISS, "", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.revokeToken(ISS, "j1", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.revokeSubject(ISS, "", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.recordUse(ISS, "", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void retentionAndReplayWindowWhenAskedThenAsConfigured() {
        assertThat(store.retention()).isEqualTo(Duration.ofHours(1));
        assertThat(store.replayWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(store.describe()).contains("PT1H").contains("PT10M");
    }
}
