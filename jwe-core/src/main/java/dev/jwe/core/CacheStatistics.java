package dev.jwe.core;

/**
 * One of a validator's decision caches, counted since start-up: for metrics and health. Immutable.
 *
 * @param cache which cache: {@code verified} (accepted tokens) or {@code rejected} (rejections
 *     that cost a decryption or signature check)
 * @param size entries now (approximate)
 * @param hits lookups that found an entry
 * @param misses lookups that found none
 * @param evictions entries removed by the size bound or by expiry (not by invalidation)
 */
public record CacheStatistics(String cache, long size, long hits, long misses, long evictions) {
}
