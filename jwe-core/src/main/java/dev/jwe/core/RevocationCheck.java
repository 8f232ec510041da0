package dev.jwe.core;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's last step, run after every successful validation and on every verified-token
 * cache hit, so a revocation takes effect at once: the token must not be revoked, and a one-time
 * token must not have been used. Decides what a store failure means (fail-open: the token
 * passes, logged and counted; fail-closed: {@link RevocationStoreException}, 503). Thread-safe.
 */
final class RevocationCheck {
    private static final Logger LOG = LoggerFactory.getLogger(JweTokenValidator.class);
    /** A store outage must be seen, but not as one log line per request. */
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    final RevocationStore store;
    private final boolean revocationFailOpen;
    private final boolean replayProtection;
    private final boolean replayFailOpen;
    private final Duration skew;
    private final Clock clock;
    private final AtomicLong failOpenPasses = new AtomicLong();
    private final AtomicLong lastLogMillis = new AtomicLong(Long.MIN_VALUE);

    RevocationCheck(RevocationStore store, boolean revocationFailOpen, boolean replayProtection,
            boolean replayFailOpen, Duration skew, Clock clock) {
        this.store = store;
        this.revocationFailOpen = revocationFailOpen;
        this.replayProtection = replayProtection;
        this.replayFailOpen = replayFailOpen;
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * @param token the token that passed every other check
     * @param singleUse whether this call requires one-time use (replay protection on for all
     *     calls makes every call single-use)
     * @throws TokenRejectedException {@code REVOKED}, {@code REPLAYED}; under replay protection
     *     {@code MISSING_CLAIM} without {@code jti} and {@code LIFETIME_TOO_LONG} for a token
     *     that would outlive the store's replay window
     * @throws RevocationStoreException when the store fails and the mode is fail-closed
     */
    void enforce(VerifiedToken token, boolean singleUse) throws TokenRejectedException {
        boolean oneTime = singleUse || replayProtection;
        // Read before the lookup (see InMemoryRevocationStore#revocationVersion).
        long version = store instanceof InMemoryRevocationStore memory ? memory.revocationVersion() : -1;
        TokenFacts facts = token.facts();
        if (!oneTime && version >= 0 && facts.notRevokedAt == version) {
            return;
        }
        String iss = token.issuer().orElse(null);
        String jti = token.jwtId().filter(s -> !s.isEmpty()).orElse(null);
        if (oneTime) {
            if (jti == null) {
                throw new TokenRejectedException(Reason.MISSING_CLAIM);
            }
            if (token.expiresAt().plus(skew).isAfter(clock.instant().plus(store.replayWindow()))) {
                // The store would forget the use before the token expires: one-time use cannot hold.
                throw new TokenRejectedException(Reason.LIFETIME_TOO_LONG);
            }
        }
        boolean revoked;
        try {
            revoked = store.isRevoked(iss, jti, token.subject().orElse(null), token.issuedAt().orElse(null));
            if (!revoked && version >= 0) {
                facts.notRevokedAt = version;
            }
        } catch (RuntimeException e) {
            failed("revocation lookup", revocationFailOpen, "jwe.revocation.fail-open", e);
            revoked = false;
        }
        if (revoked) {
            throw new TokenRejectedException(Reason.REVOKED);
        }
        if (oneTime) {
            boolean first;
            try {
                first = store.recordUse(iss, jti, token.expiresAt());
            } catch (RuntimeException e) {
                failed("one-time use record", replayFailOpen, "jwe.replay.fail-open", e);
                first = true;
            }
            if (!first) {
                throw new TokenRejectedException(Reason.REPLAYED);
            }
        }
    }

    private void failed(String what, boolean failOpen, String setting, RuntimeException e) {
        if (!failOpen) {
            throw e instanceof RevocationStoreException r ? r
                    : new RevocationStoreException(store.describe() + " failed: " + e.getClass().getName(), e);
        }
        long passes = failOpenPasses.incrementAndGet();
        long now = clock.millis();
        long last = lastLogMillis.get();
        if ((last == Long.MIN_VALUE || now - last >= LOG_INTERVAL_MILLIS) && lastLogMillis.compareAndSet(last, now)) {
            LOG.error("jwe: {} in {} FAILED ({}); the token was ACCEPTED WITHOUT it ({}=true); fail-open passes so far: {}",
                    what, store.describe(),
                    cause(e), setting, passes);
        }
    }

    /** Our own message when it is the whole story, else the underlying type (never a foreign message). */
    private static String cause(RuntimeException e) {
        if (e instanceof RevocationStoreException && e.getCause() == null) {
            return e.getMessage();
        }
        return (e.getCause() != null ? e.getCause() : e).getClass().getName();
    }

    /** Tokens let through without a store answer (fail-open), since start-up. */
    long failOpenPasses() {
        return failOpenPasses.get();
    }

    String describe() {
        return "revocation-store=" + store.describe()
                + ", revocation-fail-open=" + revocationFailOpen
                + ", replay-protection=" + (replayProtection ? "every token" : "per call")
                + ", replay-fail-open=" + replayFailOpen;
    }
}
