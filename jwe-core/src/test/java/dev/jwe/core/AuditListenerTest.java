package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link AuditListener#all}: several listeners as one, each isolated from the others' failures. */
class AuditListenerTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-all", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-all", "P-256");

    private static final AuditListener THROWING = new AuditListener() {
        @Override
        public void onAccepted(AuditEvent event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onRejected(AuditEvent event) {
            throw new IllegalStateException("listener bug");
        }
    };

    @Test
    void allWhenValidatorAcceptsAndRejectsThenEveryListenerGetsEveryEventInOrder() throws Exception {
        CapturingAuditListener first = new CapturingAuditListener();
        CapturingAuditListener second = new CapturingAuditListener();
        JweTokenValidator validator = TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)))
                .auditListener(AuditListener.all(first, second)).build();
        String token = TokenIssuer.builder().encryptionKey(ENC).signingKey(SIG).build().issue(TestKeys.claims());

        validator.validate(token);
        assertThat(TestTokens.rejection(validator, "not-a-token")).isEqualTo(Reason.MALFORMED);

        assertThat(first.events()).extracting(AuditEvent::outcome).containsExactly("accepted", "rejected");
        assertThat(second.events()).isEqualTo(first.events());
    }

    @Test
    void allWhenOneListenerThrowsThenTheNextStillGetsTheEvent() {
        CapturingAuditListener after = new CapturingAuditListener();
        AuditListener all = AuditListener.all(THROWING, after);
        AuditEvent accepted = event(true);
        AuditEvent rejected = event(false);

        all.onAccepted(accepted);
        all.onRejected(rejected);

        assertThat(after.events()).containsExactly(accepted, rejected);
    }

    @Test
    void allWhenNoopsOrOneListenerThenNoWrapper() {
        CapturingAuditListener one = new CapturingAuditListener();

        assertThat(AuditListener.all()).isSameAs(AuditListener.NOOP);
        assertThat(AuditListener.all(AuditListener.NOOP, AuditListener.NOOP)).isSameAs(AuditListener.NOOP);
        assertThat(AuditListener.all(AuditListener.NOOP, one)).isSameAs(one);
    }

    @Test
    void allWhenNullListenerThenRefused() {
        assertThatThrownBy(() -> AuditListener.all(AuditListener.slf4j(), null)).isInstanceOf(NullPointerException.class);
    }

    private static AuditEvent event(boolean accepted) {
        return new AuditEvent(TestKeys.NOW, accepted, accepted ? null : Reason.EXPIRED, null, null, null, null, null,
                null, null, RequestInfo.NONE, Duration.ofMillis(1), false);
    }
}
