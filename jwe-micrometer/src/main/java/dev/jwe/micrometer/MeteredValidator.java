package dev.jwe.micrometer;

import dev.jwe.core.AuditTrail;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.SingleUseTokenValidator;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import java.util.Objects;

/**
 * The validator that {@link JweMetrics#bind} hands back: the delegate inside an
 * {@link io.micrometer.observation.Observation} {@code jwe.validation}, counting fail-closed store
 * failures, and counting the validation itself when the delegate's audit listener does not (see
 * {@link JweMetrics}). Passes the delegate's audit trail on, so adapters keep recording attempts
 * that never reach the validator. Thread-safe.
 */
class MeteredValidator implements TokenValidator, AuditTrail.Source {
    final TokenValidator delegate;
    final JweMetrics metrics;
    /**
     * Set once an event of the metrics listener came back from a call of the delegate: its audit
     * listener includes ours (a validator's listener is fixed when it is built), so the listener
     * counts and times every call. A hint: a stale read only costs a slower call.
     */
    volatile boolean listenerHeard;

    MeteredValidator(TokenValidator delegate, JweMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "validator");
        this.metrics = metrics;
    }

    /** As {@code delegate}: a {@link SingleUseTokenValidator} stays one. */
    static MeteredValidator of(TokenValidator delegate, JweMetrics metrics) {
        return delegate instanceof SingleUseTokenValidator single ? new SingleUse(single, metrics)
                : new MeteredValidator(delegate, metrics);
    }

    @Override
    public VerifiedToken validate(String token, RequestInfo request) throws TokenRejectedException {
        return metrics.observe(this, () -> delegate.validate(token, request));
    }

    @Override
    public AuditTrail auditTrail() {
        return AuditTrail.of(delegate, AuditTrail.NONE);
    }

    @Override
    public String toString() {
        return "Metered[" + delegate + "]";
    }

    /** For a delegate that enforces one-time use. */
    static final class SingleUse extends MeteredValidator implements SingleUseTokenValidator {
        private final SingleUseTokenValidator single;

        SingleUse(SingleUseTokenValidator delegate, JweMetrics metrics) {
            super(delegate, metrics);
            this.single = delegate;
        }

        @Override
        public VerifiedToken validateSingleUse(String token, RequestInfo request) throws TokenRejectedException {
            return metrics.observe(this, () -> single.validateSingleUse(token, request));
        }
    }
}
