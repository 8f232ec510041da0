package dev.jwe.core;

/**
 * What a validator keeps and reports at run time, apart from its immutable
 * {@link ValidationPolicy}: the verified-token cache, the revocation store with its fail-open
 * counter, and the audit trail the events go to. Thread-safe (each part is).
 *
 * @param cache the verified-token cache, or {@code null} when off
 * @param revocation the revocation and one-time-use check, with its store and counters
 * @param audit where the audit events go
 */
record ValidatorState(VerifiedTokenCache cache, RevocationCheck revocation, AuditTrail audit) {

    /** Whether anybody reads the token digest: it keys the cache and correlates audit events. */
    boolean needsDigest() {
        return cache != null || !audit.isOff();
    }

    /** Number of cached verified tokens (0 with the cache off). */
    long cachedTokenCount() {
        return cache == null ? 0 : cache.acceptedSize();
    }

    /** For {@link ValidationPolicy#describe}. */
    String describe() {
        return "cache=" + (cache == null ? "off" : "on") + ", " + revocation.describe();
    }
}
