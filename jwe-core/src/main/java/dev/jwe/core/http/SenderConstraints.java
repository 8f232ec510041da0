package dev.jwe.core.http;

import dev.jwe.core.InMemoryRevocationStore;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.Reason;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sender-constraint check of {@link HttpAuthenticator} on its own, for an adapter whose
 * framework finds and validates the token itself and hands over the verified token (the Spring
 * starter's {@code JwtDecoder}, called by Spring Security's Bearer and DPoP filters): a token with
 * {@code cnf.jkt} needs the {@code DPoP} scheme and a valid proof (RFC 9449), one with
 * {@code cnf.x5t#S256} the TLS client certificate it names (RFC 8705), and under
 * {@code jwe.dpop=required} only the DPoP scheme is accepted. Proof {@code jti}s go into the
 * validator's replay store. Thread-safe.
 */
public final class SenderConstraints {
    private final SenderConstraintOptions options;
    private final SenderConstraintCheck check;

    private SenderConstraints(SenderConstraintOptions options, SenderConstraintCheck check) {
        this.options = options;
        this.check = check;
    }

    /**
     * The check for a validator: a {@link JweTokenValidator}'s replay store keeps the proof
     * {@code jti}s (shared in a cluster through JCache); another validator gets a store of this
     * process.
     *
     * @param validator the validator whose tokens are checked
     * @param options the settings
     * @return the check
     */
    public static SenderConstraints of(TokenValidator validator, SenderConstraintOptions options) {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(options, "options");
        Clock clock = Clock.systemUTC();
        RevocationStore store = validator instanceof JweTokenValidator jwe ? jwe.revocationStore()
                : new InMemoryRevocationStore(clock);
        return new SenderConstraints(options, new SenderConstraintCheck(options, store, clock));
    }

    /** The settings. */
    public SenderConstraintOptions options() {
        return options;
    }

    /**
     * Checks a verified token against the request it came with.
     *
     * @param request the request
     * @param token the token text as sent
     * @param verified the verified token
     * @return empty when the request may pass, else why not (not yet audited)
     * @throws dev.jwe.core.RevocationStoreException when the replay store fails (our side: 503)
     */
    public Optional<Reason> check(RequestView request, String token, VerifiedToken verified) {
        BearerToken found = BearerToken.extract(request.headers("Authorization"), List.of(), List.of(), true);
        boolean dpopScheme = found.outcome() == BearerToken.Outcome.FOUND && found.source() == BearerToken.Source.DPOP;
        if (options.dpop() == SenderConstraintOptions.DpopMode.REQUIRED && !dpopScheme) {
            return Optional.of(Reason.DPOP_REQUIRED);
        }
        return Optional.ofNullable(check.check(request, token, dpopScheme, verified));
    }
}
