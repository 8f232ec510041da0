package dev.jwe.benchmarks;

import dev.jwe.core.KeyValueRevocationStore;
import dev.jwe.core.RevocationStore;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link RevocationStore} that does no work: every token is "not revoked" and every use is the
 * first. {@code JweTokenValidator} always consults a store (there is no switch to turn the check
 * off), so this is the smallest honest baseline for "the cached path without a revocation check":
 * what remains is the validator's call into its revocation step (reading {@code iss}, {@code jti},
 * {@code sub}, {@code iat} from the verified token) and one interface call that returns
 * {@code false}. Benchmark only: it cannot revoke anything.
 */
final class NoRevocationStore implements RevocationStore {
    @Override
    public Instant revokeToken(String issuer, String jwtId, Instant expiresAt) {
        throw new UnsupportedOperationException("benchmark baseline: cannot revoke");
    }

    @Override
    public Instant revokeSubject(String issuer, String subject, Instant issuedBefore) {
        throw new UnsupportedOperationException("benchmark baseline: cannot revoke");
    }

    @Override
    public boolean isRevoked(String issuer, String jwtId, String subject, Instant issuedAt) {
        return false;
    }

    @Override
    public boolean recordUse(String issuer, String jwtId, Instant expiresAt) {
        return true;
    }

    @Override
    public Duration retention() {
        return KeyValueRevocationStore.DEFAULT_RETENTION;
    }

    @Override
    public Duration replayWindow() {
        return KeyValueRevocationStore.DEFAULT_REPLAY_WINDOW;
    }

    @Override
    public String describe() {
        return "none (benchmark baseline)";
    }
}
