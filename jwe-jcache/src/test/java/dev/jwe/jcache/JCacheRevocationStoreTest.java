package dev.jwe.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.RevocationStoreContract;
import dev.jwe.core.TestKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real JCache provider: one embedded Hazelcast 5.7 member on loopback. */
class JCacheRevocationStoreTest extends RevocationStoreContract {
    private static HazelcastMembers cluster;
    private static CacheManager manager;
    private final AtomicInteger caches = new AtomicInteger();

    @BeforeAll
    static void startMember() {
        cluster = new HazelcastMembers(1);
        HazelcastInstance member = cluster.start(0);
        manager = cluster.cacheManager(member);
    }

    @AfterAll
    static void stopMember() {
        cluster.close();
    }

    private String freshName() {
        return "revocations-" + getClass().getSimpleName() + "-" + System.identityHashCode(this) + "-"
                + caches.incrementAndGet();
    }

    @Override
    protected RevocationStore newStore(Duration retention, Duration replayWindow, Clock clock) {
        return JCacheRevocationStore.builder(manager).cacheName(freshName()).retention(retention)
                .replayWindow(replayWindow).clock(clock).build();
    }

    @Test
    void buildWhenCachesAbsentThenCreatedWithExpiryOfRetentionAndReplayWindow() {
        String name = freshName();
        JCacheRevocationStore.builder(manager).cacheName(name).retention(Duration.ofHours(2))
                .replayWindow(Duration.ofMinutes(3)).clock(clock).build();
        assertThat(expiryOf(manager.getCache(name, String.class, Long.class))).isEqualTo(Duration.ofHours(2));
        assertThat(expiryOf(manager.getCache(name + "-used", String.class, Long.class)))
                .isEqualTo(Duration.ofMinutes(3));
    }

    private static Duration expiryOf(Cache<String, Long> cache) {
        @SuppressWarnings("unchecked")
        CompleteConfiguration<String, Long> config = cache.getConfiguration(CompleteConfiguration.class);
        ExpiryPolicy policy = config.getExpiryPolicyFactory().create();
        javax.cache.expiry.Duration created = policy.getExpiryForCreation();
        javax.cache.expiry.Duration updated = policy.getExpiryForUpdate();
        assertThat(updated).isEqualTo(created);
        return Duration.ofMillis(created.getTimeUnit().toMillis(created.getDurationAmount()));
    }

    @Test
    void buildWhenTwoStoresShareCacheNameThenTheyShareEntries() {
        String name = freshName();
        RevocationStore one = JCacheRevocationStore.builder(manager).cacheName(name).clock(clock).build();
        RevocationStore two = JCacheRevocationStore.builder(manager).cacheName(name).clock(clock).build();
        one.revokeToken(ISS, "j1", TestKeys.NOW.plusSeconds(600));
        assertThat(two.isRevoked(ISS, "j1", null, null)).isTrue();
        assertThat(one.recordUse(ISS, "u1", TestKeys.NOW.plusSeconds(60))).isTrue();
        assertThat(two.recordUse(ISS, "u1", TestKeys.NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void buildWhenCacheDeclaredWithoutTypesThenUsedAsItIs() {
        String name = freshName();
        manager.createCache(name, new MutableConfiguration<Object, Object>());
        manager.createCache(name + "-used", new MutableConfiguration<Object, Object>());
        RevocationStore store = JCacheRevocationStore.builder(manager).cacheName(name).clock(clock).build();
        store.revokeSubject(ISS, "alice", TestKeys.NOW);
        assertThat(store.isRevoked(ISS, null, "alice", TestKeys.NOW)).isTrue();
        assertThat(manager.getCache(name).iterator().hasNext()).as("the entry is in the declared cache").isTrue();
    }

    @Test
    void buildWhenCacheNameBlankOrBoundsWrongThenNamesTheSetting() {
        assertThatThrownBy(() -> JCacheRevocationStore.builder(manager).cacheName(" ").build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.revocation.cache-name"));
        assertThatThrownBy(() -> JCacheRevocationStore.builder(manager).cacheName(freshName())
                .retention(Duration.ofSeconds(5)).build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("jwe.revocation.retention"));
    }

    @Test
    void describeWhenAskedThenNamesCacheAndProvider() {
        String name = freshName();
        assertThat(JCacheRevocationStore.builder(manager).cacheName(name).build().describe())
                .isEqualTo("jcache(cache=" + name + ", provider=" + manager.getCachingProvider().getClass().getName()
                        + ", retention=PT24H, replay-window=PT2H)");
    }

    @Test
    void closeWhenManagerWasHandedInThenManagerStaysOpen() {
        JCacheRevocationStore.builder(manager).cacheName(freshName()).build().close();
        assertThat(manager.isClosed()).isFalse();
    }
}
