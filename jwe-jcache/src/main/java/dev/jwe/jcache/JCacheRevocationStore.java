package dev.jwe.jcache;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.KeyValueRevocationStore;
import dev.jwe.core.RevocationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * A {@link RevocationStore} shared by every replica, on any JCache (JSR-107 1.1) provider: the
 * user's Hazelcast, Infinispan, Ehcache clustered or Redisson cluster keeps the entries, we only
 * use the standard {@link Cache} API ({@code get}, {@code getAll}, {@code put},
 * {@code putIfAbsent}, {@code replace(k, old, new)}), so any provider that implements it
 * atomically across its cluster works.
 *
 * <p>Two caches, {@code String -> Long}: {@code <cacheName>} (revocations, default
 * {@value #DEFAULT_CACHE_NAME}) and {@code <cacheName>-used} (one-time uses). When they do not
 * exist they are created with a {@link ModifiedExpiryPolicy} of {@link #retention()} and
 * {@link #replayWindow()}, so entries expire on their own. JCache has no per-entry expiry, so an
 * entry may physically outlive its token; its value carries its own end, and the answers do not
 * change. A cache declared in the provider's own configuration (backups, size, eviction) is used
 * as it is: give it an expiry at least as long as these bounds, and no eviction that could drop a
 * live revocation.
 *
 * <p>Build with {@link #builder(CacheManager)}. Thread-safe. {@link #close()} does nothing: a
 * provider hands the same cache manager, and the same cache objects, to everyone in the process
 * who asks with the same URI and class loader (two validators built from the same settings share
 * them), so they belong to the provider. An application that let the provider start a client or
 * member for this store closes the provider when it stops
 * ({@code Caching.getCachingProvider(name).close()}).
 */
public final class JCacheRevocationStore extends KeyValueRevocationStore {
    /** Default name of the revocations cache ({@code jwe.revocation.cache-name}). */
    public static final String DEFAULT_CACHE_NAME = "jwe-revocations";
    /** Suffix of the uses cache's name. */
    public static final String USES_SUFFIX = "-used";

    private final CacheManager manager;
    private final String cacheName;
    private final Cache<String, Long> revocations;
    private final Cache<String, Long> uses;

    private JCacheRevocationStore(Builder b) {
        super(b.retention, b.replayWindow, b.clock);
        this.manager = b.manager;
        this.cacheName = b.cacheName;
        this.revocations = cache(b.manager, b.cacheName, retention());
        this.uses = cache(b.manager, b.cacheName + USES_SUFFIX, replayWindow());
    }

    /**
     * A builder on a cache manager, e.g. from
     * {@code Caching.getCachingProvider("com.hazelcast.cache.HazelcastMemberCachingProvider")
     * .getCacheManager(uri, classLoader, properties)}.
     *
     * @param manager the manager; it stays the caller's (or its provider's)
     * @return the builder
     */
    public static Builder builder(CacheManager manager) {
        return new Builder(Objects.requireNonNull(manager, "manager"));
    }

    /** Finds the cache, or creates it with our types and expiry (another replica may race us). */
    private static Cache<String, Long> cache(CacheManager manager, String name, Duration ttl) {
        Cache<String, Long> existing = lookup(manager, name);
        if (existing != null) {
            return existing;
        }
        MutableConfiguration<String, Long> config = new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, ttl.toMillis())));
        try {
            return manager.createCache(name, config);
        } catch (CacheException e) {
            Cache<String, Long> raced = lookup(manager, name);
            if (raced == null) {
                throw e;
            }
            return raced;
        }
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, Long> lookup(CacheManager manager, String name) {
        try {
            return manager.getCache(name, String.class, Long.class);
        } catch (IllegalArgumentException | ClassCastException e) {
            // Declared in the provider's configuration without key and value types.
            return (Cache<String, Long>) (Cache<?, ?>) manager.getCache(name);
        }
    }

    private Cache<String, Long> cache(Table table) {
        return table == Table.REVOCATIONS ? revocations : uses;
    }

    @Override
    protected Long get(Table table, String key) {
        return cache(table).get(key);
    }

    @Override
    protected Map<String, Long> getAll(Table table, Set<String> keys) {
        return cache(table).getAll(keys);
    }

    @Override
    protected void put(Table table, String key, long value, Duration ttl) {
        cache(table).put(key, value);
    }

    @Override
    protected boolean putIfAbsent(Table table, String key, long value, Duration ttl) {
        return cache(table).putIfAbsent(key, value);
    }

    @Override
    protected boolean replace(Table table, String key, long expected, long value, Duration ttl) {
        return cache(table).replace(key, expected, value);
    }

    @Override
    public String describe() {
        return "jcache(cache=" + cacheName + ", provider=" + manager.getCachingProvider().getClass().getName()
                + ", retention=" + retention() + ", replay-window=" + replayWindow() + ")";
    }

    /**
     * Builds a {@link JCacheRevocationStore}; {@link #build()} checks the bounds and opens (or
     * creates) the two caches. Not thread-safe; use once.
     */
    public static final class Builder {
        private final CacheManager manager;
        private String cacheName = DEFAULT_CACHE_NAME;
        private Duration retention = DEFAULT_RETENTION;
        private Duration replayWindow = DEFAULT_REPLAY_WINDOW;
        private Clock clock = Clock.systemUTC();

        private Builder(CacheManager manager) {
            this.manager = manager;
        }

        /**
         * The revocations cache's name ({@code jwe.revocation.cache-name}); uses go to
         * {@code <name>-used}. Default {@value JCacheRevocationStore#DEFAULT_CACHE_NAME}.
         *
         * @param name the name
         * @return this
         */
        public Builder cacheName(String name) {
            this.cacheName = Objects.requireNonNull(name, "cacheName").trim();
            return this;
        }

        /**
         * How long revocations are kept at most ({@code jwe.revocation.retention}); default 24 h.
         *
         * @param retention PT1M to P30D
         * @return this
         */
        public Builder retention(Duration retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /**
         * How long one-time uses are kept at most ({@code jwe.replay.window}); default 10 min.
         *
         * @param window PT1S to P7D
         * @return this
         */
        public Builder replayWindow(Duration window) {
            this.replayWindow = Objects.requireNonNull(window, "replayWindow");
            return this;
        }

        /**
         * The clock for logical expiry; default the system UTC clock. Every replica's clock
         * should be in sync (NTP), as for {@code exp} itself.
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Checks the options and opens the caches.
         *
         * @return the store
         * @throws ConfigurationException naming the setting that is wrong
         * @throws CacheException when the provider cannot open or create the caches
         */
        public JCacheRevocationStore build() {
            if (cacheName.isEmpty() || cacheName.length() > 200) {
                throw new ConfigurationException("jwe.revocation.cache-name", "must be 1 to 200 characters");
            }
            return new JCacheRevocationStore(this);
        }
    }
}
