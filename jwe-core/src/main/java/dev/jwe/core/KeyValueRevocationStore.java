package dev.jwe.core;

import dev.jwe.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The semantics of a {@link RevocationStore}, written once over five key-value primitives that
 * any map-like store offers (get, getAll, put, putIfAbsent, compare-and-replace), so that the
 * in-memory store and the JCache store answer alike. Two tables: revocations (revoked
 * {@code jti}s and subject cutoffs, kept at most {@link #retention()}) and uses (one-time
 * {@code jti}s, kept at most {@link #replayWindow()}).
 *
 * <p>Keys are {@code String}s that hold only {@code iss}, {@code sub} and {@code jti}; values are
 * {@code Long} epoch milliseconds. Every value carries its own logical expiry, read against this
 * store's {@link Clock}, so a primitive store that keeps an entry longer than asked (a cache-wide
 * expiry) gives the same answers. Subject cutoffs only move later, by compare-and-replace;
 * uses are recorded by {@code putIfAbsent}. Every failure of a primitive becomes a
 * {@link RevocationStoreException}. Thread-safe when the primitives are.
 */
public abstract class KeyValueRevocationStore implements RevocationStore {
    /** Default of {@code jwe.revocation.retention}: 24 hours ({@link CoreSettings#REVOCATION_RETENTION}). */
    public static final Duration DEFAULT_RETENTION = CoreSettings.REVOCATION_RETENTION.defaultValue();
    /** Default of {@code jwe.replay.window}: 2 hours ({@link CoreSettings#REPLAY_WINDOW}). */
    public static final Duration DEFAULT_REPLAY_WINDOW = CoreSettings.REPLAY_WINDOW.defaultValue();
    private static final Duration MIN_RETENTION = Duration.ofMinutes(1);
    private static final Duration MAX_RETENTION = Duration.ofDays(30);
    private static final Duration MIN_REPLAY_WINDOW = Duration.ofSeconds(1);
    private static final Duration MAX_REPLAY_WINDOW = Duration.ofDays(7);
    /** Compare-and-replace retries before giving up (only reached under absurd contention). */
    private static final int MAX_ATTEMPTS = 16;

    /** The two tables; a primitive store may keep them apart (one cache each) or in one map. */
    protected enum Table {
        /** Revoked {@code jti}s and subject cutoffs; entries kept at most {@link #retention()}. */
        REVOCATIONS,
        /** Used one-time {@code jti}s; entries kept at most {@link #replayWindow()}. */
        USES
    }

    private final Duration retention;
    private final Duration replayWindow;
    private final Clock clock;

    /**
     * @param retention how long revocations are kept at most ({@code jwe.revocation.retention}),
     *     PT1M to P30D
     * @param replayWindow how long uses are kept at most ({@code jwe.replay.window}), PT1S to P7D
     * @param clock the clock for logical expiry
     * @throws ConfigurationException naming the setting that is out of bounds
     */
    protected KeyValueRevocationStore(Duration retention, Duration replayWindow, Clock clock) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.replayWindow = Objects.requireNonNull(replayWindow, "replayWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
            throw new ConfigurationException("jwe.revocation.retention", "must be between PT1M and P30D");
        }
        if (replayWindow.compareTo(MIN_REPLAY_WINDOW) < 0 || replayWindow.compareTo(MAX_REPLAY_WINDOW) > 0) {
            throw new ConfigurationException("jwe.replay.window", "must be between PT1S and P7D");
        }
    }

    /**
     * One entry's value.
     *
     * @param table the table
     * @param key the key
     * @return the value, or {@code null} when absent or expired
     */
    protected abstract Long get(Table table, String key);

    /**
     * Several entries at once (one round trip where the store allows).
     *
     * @param table the table
     * @param keys the keys
     * @return the entries found
     */
    protected abstract Map<String, Long> getAll(Table table, Set<String> keys);

    /**
     * Writes an entry.
     *
     * @param table the table
     * @param key the key
     * @param value the value
     * @param ttl how long the entry must be kept at least; a store with a cache-wide expiry keeps it
     *     for the table's whole bound instead
     */
    protected abstract void put(Table table, String key, long value, Duration ttl);

    /**
     * Writes an entry only when the key is absent, atomically.
     *
     * @param table the table
     * @param key the key
     * @param value the value
     * @param ttl as for {@link #put}
     * @return whether it was written
     */
    protected abstract boolean putIfAbsent(Table table, String key, long value, Duration ttl);

    /**
     * Replaces an entry only when it holds {@code expected}, atomically.
     *
     * @param table the table
     * @param key the key
     * @param expected the value it must hold
     * @param value the new value
     * @param ttl as for {@link #put}
     * @return whether it was replaced
     */
    protected abstract boolean replace(Table table, String key, long expected, long value, Duration ttl);

    @Override
    public final Duration retention() {
        return retention;
    }

    @Override
    public final Duration replayWindow() {
        return replayWindow;
    }

    @Override
    public String describe() {
        return getClass().getSimpleName() + "(retention=" + retention + ", replay-window=" + replayWindow + ")";
    }

    @Override
    public final Instant revokeToken(String issuer, String jwtId, Instant expiresAt) {
        requireValue(jwtId, "jwtId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        Instant until = keptUntil(expiresAt, now, retention);
        if (until.isAfter(now)) {
            String key = key('t', issuer, jwtId);
            guarded(() -> {
                put(Table.REVOCATIONS, key, until.toEpochMilli(), Duration.between(now, until));
                return null;
            });
        }
        return until;
    }

    @Override
    public final Instant revokeSubject(String issuer, String subject, Instant issuedBefore) {
        requireValue(subject, "subject");
        Objects.requireNonNull(issuedBefore, "issuedBefore");
        Instant now = clock.instant();
        if (issuedBefore.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new IllegalArgumentException("issuedBefore must not be in the future");
        }
        Instant until = issuedBefore.plus(retention);
        if (!until.isAfter(now)) {
            return until; // every token it could cover has expired (they live at most the retention)
        }
        long cutoff = issuedBefore.toEpochMilli();
        Duration ttl = Duration.between(now, until);
        String key = key('s', issuer, subject);
        return guarded(() -> {
            for (int i = 0; i < MAX_ATTEMPTS; i++) {
                Long existing = get(Table.REVOCATIONS, key);
                if (existing == null) {
                    if (putIfAbsent(Table.REVOCATIONS, key, cutoff, ttl)) {
                        return until;
                    }
                } else if (existing >= cutoff) {
                    return Instant.ofEpochMilli(existing).plus(retention); // a later cutoff covers this one
                } else if (replace(Table.REVOCATIONS, key, existing, cutoff, ttl)) {
                    return until;
                }
            }
            throw new RevocationStoreException(describe() + ": too much contention on one subject cutoff");
        });
    }

    @Override
    public final boolean isRevoked(String issuer, String jwtId, String subject, Instant issuedAt) {
        String tokenKey = jwtId == null ? null : key('t', issuer, jwtId);
        String subjectKey = subject == null ? null : key('s', issuer, subject);
        if (tokenKey == null && subjectKey == null) {
            return false;
        }
        Map<String, Long> found = guarded(() -> {
            if (tokenKey == null || subjectKey == null) {
                String only = tokenKey != null ? tokenKey : subjectKey;
                Long value = get(Table.REVOCATIONS, only);
                return value == null ? Map.of() : Map.of(only, value);
            }
            // Never equal (their first characters differ), so Set.of cannot refuse them; no growable set per lookup.
            return getAll(Table.REVOCATIONS, Set.of(tokenKey, subjectKey));
        });
        long now = clock.millis();
        Long tokenUntil = tokenKey == null ? null : found.get(tokenKey);
        if (tokenUntil != null && tokenUntil > now) {
            return true;
        }
        Long cutoff = subjectKey == null ? null : found.get(subjectKey);
        if (cutoff == null || cutoff + retention.toMillis() <= now) {
            return false;
        }
        // iat has whole seconds: a token issued in the cutoff's second may predate it, so it goes too.
        return issuedAt == null || issuedAt.getEpochSecond() <= Math.floorDiv(cutoff, 1000L);
    }

    @Override
    public final boolean recordUse(String issuer, String jwtId, Instant expiresAt) {
        requireValue(jwtId, "jwtId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        Instant until = keptUntil(expiresAt, now, replayWindow);
        if (!until.isAfter(now)) {
            return true; // expired beyond any skew: no validator accepts it, nothing to remember
        }
        long value = until.toEpochMilli();
        Duration ttl = Duration.between(now, until);
        String key = key('t', issuer, jwtId);
        return guarded(() -> {
            for (int i = 0; i < MAX_ATTEMPTS; i++) {
                if (putIfAbsent(Table.USES, key, value, ttl)) {
                    return true;
                }
                Long existing = get(Table.USES, key);
                if (existing != null && existing > clock.millis()) {
                    return false;
                }
                // Absent again, or an expired use the store has not dropped yet: take it over
                // atomically; a concurrent winner makes the next round answer false.
                if (existing != null && replace(Table.USES, key, existing, value, ttl)) {
                    return true;
                }
            }
            throw new RevocationStoreException(describe() + ": too much contention on one token id");
        });
    }

    /** {@code exp} plus the largest skew, but at most {@code bound} from now. */
    private static Instant keptUntil(Instant expiresAt, Instant now, Duration bound) {
        Instant limit = now.plus(bound);
        return expiresAt.isAfter(limit.minus(MAX_CLOCK_SKEW)) ? limit : expiresAt.plus(MAX_CLOCK_SKEW);
    }

    /** Length-prefixed issuer, so that no (iss, value) pair can spell another pair's key. */
    private static String key(char kind, String issuer, String value) {
        String iss = issuer == null ? "" : issuer;
        return kind + Integer.toString(iss.length()) + ':' + iss + value;
    }

    private static void requireValue(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private <T> T guarded(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RevocationStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // The store's message may quote keys (iss, sub, jti only) but is not ours to pass on.
            throw new RevocationStoreException(describe() + " failed: " + e.getClass().getName(), e);
        }
    }
}
