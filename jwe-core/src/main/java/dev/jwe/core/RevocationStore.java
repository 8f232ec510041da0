package dev.jwe.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The deny-list and the register of used one-time tokens that a validator consults on every
 * validation (also on verified-token cache hits), and the admin hook that revokes. In a cluster
 * of replicas every validator must share one store, e.g. the JCache store of the
 * {@code jwe-jcache} module on the user's Hazelcast, Infinispan, Ehcache or Redisson cluster;
 * {@link InMemoryRevocationStore} (the default) serves one process only.
 *
 * <p>Entries are scoped by issuer ({@code jti} and {@code sub} are unique only per issuer, RFC 7519
 * §4.1.2, §4.1.7); a {@code null} issuer is the same scope as an empty one. Every entry expires on its own:
 * a revoked or used {@code jti} is kept until the token's {@code exp} plus {@link #MAX_CLOCK_SKEW}
 * (the largest skew a validator allows), a subject cutoff for {@link #retention()}, and never
 * longer than {@link #retention()} (revocations) or {@link #replayWindow()} (uses), so a store
 * never grows without bound.
 *
 * <p>Implementations are thread-safe and, for shared stores, atomic across the cluster for
 * {@link #recordUse}. Failures throw {@link RevocationStoreException}; the validator turns them
 * into 503 or lets the token pass according to its fail-open settings. Methods take only
 * {@code iss}, {@code sub}, {@code jti} and times, never token text.
 */
public interface RevocationStore extends AutoCloseable {
    /**
     * The largest clock skew a validator allows (its bound for {@code jwe.clock-skew}): entries
     * for a token are kept this long past its {@code exp}, so no validator accepts it again.
     */
    Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * Revokes one token until it expires.
     *
     * @param issuer the token's {@code iss}, or {@code null}
     * @param jwtId the token's {@code jti}
     * @param expiresAt the token's {@code exp}
     * @return until when the revocation is remembered: {@code expiresAt} plus
     *     {@link #MAX_CLOCK_SKEW}, or now plus {@link #retention()} when that is earlier (a token
     *     that lives longer than the retention is accepted again after it)
     * @throws RevocationStoreException when the store fails
     */
    Instant revokeToken(String issuer, String jwtId, Instant expiresAt);

    /**
     * Revokes every token of a subject issued before a moment (by {@code iat}, whole seconds: a
     * token issued in the same second as {@code issuedBefore} is revoked too, and so is a token
     * without {@code iat}). A later cutoff replaces an earlier one, never the reverse.
     *
     * @param issuer the tokens' {@code iss}, or {@code null}
     * @param subject the tokens' {@code sub}
     * @param issuedBefore the cutoff, normally now; not after now plus {@link #MAX_CLOCK_SKEW}
     * @return until when the cutoff is remembered: {@code issuedBefore} plus {@link #retention()}
     * @throws RevocationStoreException when the store fails
     */
    Instant revokeSubject(String issuer, String subject, Instant issuedBefore);

    /**
     * Whether a token is revoked, by its {@code jti} or by a cutoff for its {@code sub}.
     *
     * @param issuer the token's {@code iss}, or {@code null}
     * @param jwtId the token's {@code jti}, or {@code null}
     * @param subject the token's {@code sub}, or {@code null}
     * @param issuedAt the token's {@code iat}, or {@code null}
     * @return whether it is revoked
     * @throws RevocationStoreException when the store fails
     */
    boolean isRevoked(String issuer, String jwtId, String subject, Instant issuedAt);

    /**
     * Records the use of a one-time token, atomically ({@code putIfAbsent}): of any number of
     * concurrent calls for the same token, on any member of a shared store, exactly one wins.
     *
     * @param issuer the token's {@code iss}, or {@code null}
     * @param jwtId the token's {@code jti}
     * @param expiresAt the token's {@code exp}; the use is remembered until then plus
     *     {@link #MAX_CLOCK_SKEW}, at most {@link #replayWindow()}
     * @return {@code true} for the first use, {@code false} for a replay
     * @throws RevocationStoreException when the store fails
     */
    boolean recordUse(String issuer, String jwtId, Instant expiresAt);

    /** How long a revocation is remembered at most ({@code jwe.revocation.retention}). */
    Duration retention();

    /**
     * How long a use is remembered at most ({@code jwe.replay.window}): a validator with replay
     * protection rejects tokens that would outlive it.
     */
    Duration replayWindow();

    /**
     * Revokes a verified token by its {@code iss} and {@code jti} (the "log out this token" hook).
     *
     * @param token the token
     * @return until when the revocation is remembered
     * @throws IllegalArgumentException when the token has no {@code jti} (revoke its subject instead)
     * @throws RevocationStoreException when the store fails
     */
    default Instant revoke(VerifiedToken token) {
        Objects.requireNonNull(token, "token");
        String jti = token.jwtId().orElseThrow(() -> new IllegalArgumentException(
                "the token has no jti; revoke its subject instead"));
        return revokeToken(token.issuer().orElse(null), jti, token.expiresAt());
    }

    /** What this store is, for start-up logs (no secrets). */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** Releases what the store opened itself (never a cache manager it was handed). */
    @Override
    default void close() {
    }
}
