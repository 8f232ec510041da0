package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRevocationStoreTest extends RevocationStoreContract {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Override
    protected RevocationStore newStore(Duration retention, Duration replayWindow, Clock clock) {
        return new InMemoryRevocationStore(1000, retention, replayWindow, clock);
    }

    @Test
    void revokeTokenWhenTableFullOfLiveEntriesThenFailsInsteadOfEvicting() {
        InMemoryRevocationStore small = new InMemoryRevocationStore(3, HOUR, TEN_MINUTES, clock);
        Instant exp = TestKeys.NOW.plusSeconds(600);
        for (int i = 0; i < 3; i++) {
            small.revokeToken(ISS, "j" + i, exp);
        }
        assertThatThrownBy(() -> small.revokeToken(ISS, "j3", exp))
                .isInstanceOf(RevocationStoreException.class)
                .hasMessageContaining("jwe.revocation.max-entries=3");
        assertThat(small.isRevoked(ISS, "j0", null, null)).isTrue();
        assertThat(small.isRevoked(ISS, "j2", null, null)).isTrue();
        small.revokeToken(ISS, "j1", exp.plusSeconds(60)); // an existing key still updates
    }

    @Test
    void revokeTokenWhenOldEntriesExpiredThenRoomAgain() {
        InMemoryRevocationStore small = new InMemoryRevocationStore(2, HOUR, TEN_MINUTES, clock);
        small.revokeToken(ISS, "j0", TestKeys.NOW.plusSeconds(60));
        small.revokeToken(ISS, "j1", TestKeys.NOW.plusSeconds(60));
        clock.advance(Duration.ofMinutes(6));
        small.revokeToken(ISS, "j2", TestKeys.NOW.plusSeconds(600));
        assertThat(small.isRevoked(ISS, "j2", null, null)).isTrue();
    }

    @Test
    void recordUseWhenUsesTableFullThenRevocationsStillWork() {
        InMemoryRevocationStore small = new InMemoryRevocationStore(2, HOUR, TEN_MINUTES, clock);
        small.recordUse(ISS, "u0", TestKeys.NOW.plusSeconds(60));
        small.recordUse(ISS, "u1", TestKeys.NOW.plusSeconds(60));
        assertThatThrownBy(() -> small.recordUse(ISS, "u2", TestKeys.NOW.plusSeconds(60)))
                .isInstanceOf(RevocationStoreException.class);
        assertThat(small.recordUse(ISS, "u0", TestKeys.NOW.plusSeconds(60))).isFalse();
        small.revokeSubject(ISS, "alice", TestKeys.NOW);
        assertThat(small.isRevoked(ISS, null, "alice", TestKeys.NOW)).isTrue();
    }

    @Test
    void revocationVersionWhenRevocationTakenThenChangesAndUsesOrLookupsLeaveItAlone() {
        InMemoryRevocationStore store = new InMemoryRevocationStore(100, HOUR, TEN_MINUTES, clock);
        long start = store.revocationVersion();
        store.recordUse(ISS, "u0", TestKeys.NOW.plusSeconds(60));
        store.isRevoked(ISS, "j0", "alice", TestKeys.NOW);
        assertThat(store.revocationVersion()).isEqualTo(start);

        store.revokeToken(ISS, "j0", TestKeys.NOW.plusSeconds(60));
        long afterToken = store.revocationVersion();
        assertThat(afterToken).isNotEqualTo(start);
        store.revokeSubject(ISS, "alice", TestKeys.NOW.minusSeconds(10));
        long afterCutoff = store.revocationVersion();
        assertThat(afterCutoff).isNotEqualTo(afterToken);
        store.revokeSubject(ISS, "alice", TestKeys.NOW); // a later cutoff replaces the earlier one
        assertThat(store.revocationVersion()).isNotEqualTo(afterCutoff);
    }

    @Test
    void constructorWhenBoundsWrongThenConfigurationExceptionNamesTheSetting() {
        assertThatThrownBy(() -> new InMemoryRevocationStore(0, HOUR, TEN_MINUTES, clock))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.revocation.max-entries"));
        assertThatThrownBy(() -> new InMemoryRevocationStore(10, Duration.ofSeconds(30), TEN_MINUTES, clock))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.revocation.retention"));
        assertThatThrownBy(() -> new InMemoryRevocationStore(10, Duration.ofDays(31), TEN_MINUTES, clock))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.revocation.retention"));
        assertThatThrownBy(() -> new InMemoryRevocationStore(10, HOUR, Duration.ofDays(8), clock))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.replay.window"));
        assertThatThrownBy(() -> new InMemoryRevocationStore(10, HOUR, Duration.ZERO, clock))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.replay.window"));
    }

    @Test
    void describeWhenDefaultsThenNamesMemoryAndBounds() {
        assertThat(new InMemoryRevocationStore(clock).describe())
                .isEqualTo("memory(max-entries=100000, retention=PT24H, replay-window=PT2H)");
    }
}
