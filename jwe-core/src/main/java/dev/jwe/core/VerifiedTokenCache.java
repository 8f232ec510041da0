package dev.jwe.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.jwe.core.internal.TokenDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bounded caches of decisions, keyed by the full SHA-256 of the token text (no token text is
 * held, and only the exact text of an accepted token can hit: accepted tokens are printable ASCII, and
 * a text's UTF-8 turns anything else into bytes no accepted token has). An accepted token is kept as compact
 * {@link TokenFacts} (a few hundred bytes with the key and the cache's own node, see
 * BENCHMARKS.md), what tokens share stored once ({@link Interner}). Accepted tokens are answered
 * while they are valid: the validator re-checks the time claims on every hit and drops an entry
 * whose {@code exp} (plus skew) has passed. An entry stays at most {@code maxTtl} after it was
 * written (expiry after write, not per entry: a per-entry expiry makes every hit write to the
 * shared cache node, which costs two threads on one token a third of their throughput, see
 * BENCHMARKS.md), and a token that is already expired is not stored. Rejections that cost a
 * decryption live {@code rejectTtl}. Thread-safe.
 */
final class VerifiedTokenCache {
    /** What a cached rejection remembers: the reason and the header facts for the audit event. */
    record Rejection(Reason reason, String kid, String alg, String enc) {
    }

    private final Cache<TokenDigest, TokenFacts> accepted;
    private final Cache<TokenDigest, Rejection> rejected;
    private final Clock clock;
    private final Duration maxTtl;
    private final Duration skew;
    private final Interner shared = new Interner();

    VerifiedTokenCache(int maxEntries, Duration maxTtl, Duration rejectTtl, Duration skew, Clock clock) {
        this.clock = clock;
        this.maxTtl = maxTtl;
        this.skew = skew;
        // Maintenance runs on the calling thread (no pool threads inside a WAR).
        com.github.benmanes.caffeine.cache.Ticker ticker = ticker(clock);
        // Statistics (striped counters, cheap): JweTokenValidator#cacheStatistics() reports them.
        this.accepted = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .executor(Runnable::run)
                .recordStats()
                .expireAfterWrite(maxTtl)
                .build();
        this.rejected = rejectTtl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .executor(Runnable::run)
                .recordStats()
                .expireAfterWrite(rejectTtl)
                .build();
    }

    /**
     * A Caffeine ticker on the injected clock, so that tests with a fixed clock see the same
     * expiry as production.
     */
    static com.github.benmanes.caffeine.cache.Ticker ticker(Clock clock) {
        return () -> {
            java.time.Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        };
    }

    private Duration lifetime(long expiresAt) {
        Duration untilExp = Duration.between(clock.instant(), Instant.ofEpochSecond(expiresAt).plus(skew));
        return untilExp.compareTo(maxTtl) < 0 ? untilExp : maxTtl;
    }

    /**
     * The cached verified token, while the keys that decrypted and verified it are still in force;
     * an entry whose key was rotated out or has expired is dropped (the token is validated again).
     *
     * @param digest the token's digest
     * @param decryptionKeys the validator's decryption keys
     * @param verificationKeys the validator's verification keys, or {@code null}
     * @return the cached facts, or {@code null}
     */
    TokenFacts accepted(TokenDigest digest, KeySource decryptionKeys, KeySource verificationKeys) {
        TokenFacts entry = accepted.getIfPresent(digest);
        if (entry == null) {
            return null;
        }
        Instant now = clock.instant();
        TokenFacts.Protection p = entry.protection;
        if (inForce(decryptionKeys, p.decryptedWith(), now)
                && (p.verifiedWith() == null || inForce(verificationKeys, p.verifiedWith(), now))) {
            return entry;
        }
        invalidate(digest);
        return null;
    }

    /** Whether this very key object is still in the source's current set and inside its validity window. */
    private static boolean inForce(KeySource source, KeyEntry used, Instant now) {
        if (used == null || !used.isUsableAt(now)) {
            return false;
        }
        KeySet keys = source.keys();
        for (KeyEntry k : used.kid().isPresent() ? keys.byKid(used.kid().get()) : keys.withoutKid()) {
            if (k == used) {
                return true;
            }
        }
        return false;
    }

    Rejection rejected(TokenDigest digest) {
        return rejected == null ? null : rejected.getIfPresent(digest);
    }

    /**
     * @param digest the token's digest
     * @param facts the facts of a token that passed every stage, with the claims' JSON text and the
     *     keys that decrypted and verified it; stored with what other tokens share interned
     */
    void putAccepted(TokenDigest digest, TokenFacts facts) {
        if (!lifetime(facts.expiresAt).isNegative()) {
            accepted.put(digest, facts.interned(shared));
        }
    }

    void putRejected(TokenDigest digest, Rejection rejection) {
        if (rejected != null) {
            rejected.put(digest, rejection);
        }
    }

    void invalidate(TokenDigest digest) {
        accepted.invalidate(digest);
    }

    /** Approximate number of accepted entries (for tests and health). */
    long acceptedSize() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }

    /** Size, hits, misses and evictions of the verified cache, then of the rejection cache when on. */
    List<CacheStatistics> statistics() {
        return rejected == null ? List.of(statistics("verified", accepted))
                : List.of(statistics("verified", accepted), statistics("rejected", rejected));
    }

    private static CacheStatistics statistics(String name, Cache<?, ?> cache) {
        cache.cleanUp();
        CacheStats s = cache.stats();
        return new CacheStatistics(name, cache.estimatedSize(), s.hitCount(), s.missCount(), s.evictionCount());
    }

    /**
     * Rejections worth remembering: those that cost a decryption or signature check and that
     * stay true for the same token string. Cheap structural rejections are not stored (they
     * would let random junk evict useful entries); time-dependent ones (not yet valid) and key
     * lookups (a key may be added) are not either.
     */
    static boolean remembers(Reason reason) {
        return switch (reason) {
            case DECRYPTION_FAILED, UNSIGNED, INVALID_NESTING, INVALID_SIGNATURE, MALFORMED_CLAIMS, EXPIRED,
                    MISSING_CLAIM, MISSING_PRINCIPAL, INVALID_ISSUER, INVALID_AUDIENCE, INVALID_TYPE, LIFETIME_TOO_LONG -> true;
            default -> false;
        };
    }
}
