package dev.jwe.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link AuditEvent}s to an {@link AuditListener}: used by the validator for every
 * validation, and by adapters for attempts that never reach the validator (no token, a malformed
 * header) or fail after it (a missing role or scope), so that every attempt leaves one record.
 * A listener that throws is logged (its type only) and ignored: it never fails the request.
 * Immutable and thread-safe.
 */
public final class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    /** Longest {@code kid}, {@code iss}, {@code sub} or {@code jti} written to an event. */
    static final int FIELD_MAX = 128;

    /** Records nothing: for validators that are not ours and were given no listener. */
    public static final AuditTrail NONE = new AuditTrail(AuditListener.NOOP, Clock.systemUTC());

    private final AuditListener listener;
    private final Clock clock;

    private AuditTrail(AuditListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * A trail to one listener.
     *
     * @param listener receives the events
     * @param clock stamps them
     * @return the trail
     */
    public static AuditTrail of(AuditListener listener, Clock clock) {
        return new AuditTrail(Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Implemented by validators that keep an audit trail ({@link JweTokenValidator}, and
     * decorators around one, such as a metrics or tracing wrapper, which pass their delegate's
     * trail on), so that adapters find it without knowing the concrete class.
     */
    public interface Source {
        /**
         * The trail where attempts outside {@code validate} are recorded.
         *
         * @return the trail
         */
        AuditTrail auditTrail();
    }

    /**
     * The trail of a validator: its own when it is a {@link Source} (e.g. a
     * {@link JweTokenValidator}), else {@code fallback}.
     *
     * @param validator the validator an adapter uses
     * @param fallback the trail for other validators, e.g. {@link #NONE}
     * @return the trail
     */
    public static AuditTrail of(TokenValidator validator, AuditTrail fallback) {
        Objects.requireNonNull(validator, "validator");
        return validator instanceof Source source ? source.auditTrail() : Objects.requireNonNull(fallback);
    }

    /** Whether events go anywhere: when not, callers may skip the work of making them. */
    boolean isOff() {
        return listener == AuditListener.NOOP;
    }

    /** The listener's class, for start-up logs. */
    String listenerName() {
        return listener.getClass().getName();
    }

    /**
     * Records a rejection decided outside the validator.
     *
     * @param reason why the request was rejected
     * @param token the verified token when the rejection came after validation (a missing role or
     *     scope), else {@code null}
     * @param request client address, method and path
     */
    public void rejected(Reason reason, VerifiedToken token, RequestInfo request) {
        Objects.requireNonNull(reason, "reason");
        if (isOff()) {
            return;
        }
        if (token == null) {
            deliver(new AuditEvent(clock.instant(), false, reason, null, null, null, null, null, null, null, request,
                    Duration.ZERO, false));
            return;
        }
        TokenMetadata m = token.metadata();
        deliver(new AuditEvent(clock.instant(), false, reason, shorten(m.keyId()), m.keyManagementAlgorithm(),
                m.contentEncryptionAlgorithm(), shorten(token.issuer().orElse(null)),
                shorten(token.subject().orElse(null)), shorten(token.jwtId().orElse(null)), m.fingerprint(), request,
                Duration.ZERO, m.cached()));
    }

    /** Clock of the events; the validator stamps its own events with it too. */
    Clock clock() {
        return clock;
    }

    /**
     * Hands one event to the listener; a listener failure is logged and swallowed.
     *
     * @param event the event
     */
    void deliver(AuditEvent event) {
        try {
            if (event.accepted()) {
                listener.onAccepted(event);
            } else {
                listener.onRejected(event);
            }
        } catch (RuntimeException e) {
            LOG.warn("Audit listener {} failed with {}; the request goes on", listener.getClass().getName(),
                    e.getClass().getName());
        }
    }

    /** Header and claim values as the client sent them may be long: events keep a bounded prefix. */
    static String shorten(String value) {
        return value == null || value.length() <= FIELD_MAX ? value : value.substring(0, FIELD_MAX) + "...";
    }
}
