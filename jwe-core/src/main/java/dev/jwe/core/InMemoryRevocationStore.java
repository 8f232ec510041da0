package dev.jwe.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.jwe.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link RevocationStore}: two bounded in-process maps (revocations and uses), each
 * entry expiring exactly when it stops mattering. It serves ONE process: replicas behind a load
 * balancer need a shared store (the {@code jwe-jcache} module), or a token revoked on one replica
 * stays valid on the others.
 *
 * <p>Bounded without silent loss: a table holds at most {@code maxEntries}
 * ({@code jwe.revocation.max-entries}, default {@link #DEFAULT_MAX_ENTRIES}) live entries; when it
 * is full of live entries, a new revocation or use fails with {@link RevocationStoreException}
 * rather than evict one (an evicted revocation would let a revoked token back in). The bound is
 * approximate under concurrent writes. Thread-safe; expiry follows the injected clock.
 */
public final class InMemoryRevocationStore extends KeyValueRevocationStore {
    /** Default of {@code jwe.revocation.max-entries}, as declared by {@link CoreSettings#REVOCATION_MAX_ENTRIES}. */
    public static final int DEFAULT_MAX_ENTRIES = CoreSettings.REVOCATION_MAX_ENTRIES.defaultValue();

    private record Entry(long value, long expiresAtNanos) {
    }

    private final int maxEntries;
    private final Ticker ticker;
    private final Cache<String, Entry> revocations;
    private final Cache<String, Entry> uses;
    /** Writes to the revocations table so far, counted after each write completes. */
    private final AtomicLong revocationWrites = new AtomicLong();

    /**
     * A store with the defaults: {@link #DEFAULT_MAX_ENTRIES} entries per table, retention
     * {@link #DEFAULT_RETENTION}, replay window {@link #DEFAULT_REPLAY_WINDOW}.
     *
     * @param clock the clock
     */
    public InMemoryRevocationStore(Clock clock) {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_RETENTION, DEFAULT_REPLAY_WINDOW, clock);
    }

    /**
     * @param maxEntries live entries per table, 1 to 10000000 ({@code jwe.revocation.max-entries})
     * @param retention how long revocations are kept at most ({@code jwe.revocation.retention})
     * @param replayWindow how long uses are kept at most ({@code jwe.replay.window})
     * @param clock the clock
     * @throws ConfigurationException naming the setting that is out of bounds
     */
    public InMemoryRevocationStore(int maxEntries, Duration retention, Duration replayWindow, Clock clock) {
        super(retention, replayWindow, clock);
        if (maxEntries < 1 || maxEntries > 10_000_000) {
            throw new ConfigurationException("jwe.revocation.max-entries", "must be between 1 and 10000000");
        }
        this.maxEntries = maxEntries;
        this.ticker = VerifiedTokenCache.ticker(clock);
        this.revocations = newTable();
        this.uses = newTable();
    }

    private Cache<String, Entry> newTable() {
        return Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry e, long currentTime) {
                        return Math.max(0, e.expiresAtNanos() - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry e, long currentTime, long currentDuration) {
                        return Math.max(0, e.expiresAtNanos() - currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry e, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    private Cache<String, Entry> table(Table table) {
        return table == Table.REVOCATIONS ? revocations : uses;
    }

    private Entry entry(long value, Duration ttl) {
        return new Entry(value, ticker.read() + ttl.toNanos());
    }

    /** Refuses a new key when the table is full of live entries. */
    private void ensureRoom(Table table, String key) {
        Cache<String, Entry> cache = table(table);
        if (cache.estimatedSize() < maxEntries || cache.getIfPresent(key) != null) {
            return;
        }
        cache.cleanUp();
        if (cache.estimatedSize() >= maxEntries) {
            throw new RevocationStoreException("The in-memory revocation store is full (" + table.name().toLowerCase(java.util.Locale.ROOT)
                    + ": jwe.revocation.max-entries=" + maxEntries + ")");
        }
    }

    @Override
    protected Long get(Table table, String key) {
        Entry e = table(table).getIfPresent(key);
        return e == null ? null : e.value();
    }

    @Override
    protected Map<String, Long> getAll(Table table, Set<String> keys) {
        Map<String, Long> out = null;
        for (String key : keys) {
            Long value = get(table, key);
            if (value != null) {
                if (out == null) {
                    out = new HashMap<>();
                }
                out.put(key, value);
            }
        }
        // Nothing revoked is the common case: no map allocated for it.
        return out == null ? Map.of() : out;
    }

    /**
     * A number that changes after every revocation this store takes (token or subject cutoff), read
     * before a lookup: a token found not revoked at version {@code v} is still not revoked while the
     * version is {@code v}, because entries only ever leave the table (they expire) or are added,
     * and expiry can only un-revoke. Lets {@link RevocationCheck} skip the lookup on a cache hit.
     *
     * @return the current version
     */
    long revocationVersion() {
        return revocationWrites.get();
    }

    private void written(Table table) {
        if (table == Table.REVOCATIONS) {
            revocationWrites.incrementAndGet();
        }
    }

    @Override
    protected void put(Table table, String key, long value, Duration ttl) {
        ensureRoom(table, key);
        try {
            table(table).put(key, entry(value, ttl));
        } finally {
            written(table);
        }
    }

    @Override
    protected boolean putIfAbsent(Table table, String key, long value, Duration ttl) {
        ensureRoom(table, key);
        try {
            return table(table).asMap().putIfAbsent(key, entry(value, ttl)) == null;
        } finally {
            written(table);
        }
    }

    @Override
    protected boolean replace(Table table, String key, long expected, long value, Duration ttl) {
        Entry next = entry(value, ttl);
        try {
            Entry result = table(table).asMap().computeIfPresent(key, (k, e) -> e.value() == expected ? next : e);
            return result == next;
        } finally {
            written(table);
        }
    }

    @Override
    public String describe() {
        return "memory(max-entries=" + maxEntries + ", retention=" + retention() + ", replay-window="
                + replayWindow() + ")";
    }
}
