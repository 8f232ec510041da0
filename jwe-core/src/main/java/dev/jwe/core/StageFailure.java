package dev.jwe.core;

/**
 * A failed attempt on its way from the stages to the audit trail: the failure (a
 * {@link TokenRejectedException}, a {@link ValidationUnavailableException} or an unexpected
 * {@link RuntimeException}) and what the stages had returned until then. Never leaves core; no
 * stack trace (a flood of bad tokens does not pay for stack walks).
 */
final class StageFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Exception failure;
    private final transient AuditFacts facts;

    /**
     * @param failure what went wrong
     * @param facts what the audit event may say
     */
    StageFailure(Exception failure, AuditFacts facts) {
        super(null, null, false, false);
        this.failure = failure;
        this.facts = facts;
    }

    /** What went wrong. */
    Exception failure() {
        return failure;
    }

    /** What the audit event may say. */
    AuditFacts facts() {
        return facts;
    }
}
