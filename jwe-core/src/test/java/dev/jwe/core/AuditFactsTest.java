package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.internal.TokenDigest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditFactsTest {
    private static final RequestInfo REQUEST = new RequestInfo("203.0.113.7", "GET", "/orders");
    private static final String LONG = "x".repeat(200);
    private static final String SHORTENED = "x".repeat(AuditTrail.FIELD_MAX) + "...";

    @Test
    void ofWhenHeaderAndClaimsReadThenBothNamedAndShortened() {
        JweHeader header = new JweHeader("dir", "A256GCM", LONG, Map.of());
        TokenClaims claims = new TokenClaims(Map.of(), "https://issuer.test", LONG, "j-1");
        AuditFacts f = AuditFacts.of(header, claims, "0123456789abcdef");
        assertThat(f).isEqualTo(new AuditFacts(SHORTENED, "dir", "A256GCM", "https://issuer.test", SHORTENED, "j-1",
                "0123456789abcdef", false));
    }

    @Test
    void ofWhenOnlyHeaderReadThenNoClaimValues() {
        AuditFacts f = AuditFacts.of(new JweHeader("RSA-OAEP-256", "A256GCM", "enc-1", Map.of()), null, null);
        assertThat(f).isEqualTo(new AuditFacts("enc-1", "RSA-OAEP-256", "A256GCM", null, null, null, null, false));
        assertThat(AuditFacts.of(null, null, "fp")).isEqualTo(new AuditFacts(null, null, null, null, null, null, "fp",
                false));
    }

    @Test
    void ofWhenVerifiedTokenThenItsMetadataAndIdentity() {
        VerifiedToken token = new VerifiedToken("alice", LONG, "https://issuer.test", List.of(), TestKeys.NOW, null,
                null, "j-1", new LinkedHashSet<>(), new LinkedHashSet<>(), Map.of(),
                new TokenMetadata("enc-1", "RSA-OAEP-256", "A256GCM", "sig-1", "RS256", "fp", true));
        assertThat(AuditFacts.of(token)).isEqualTo(new AuditFacts("enc-1", "RSA-OAEP-256", "A256GCM",
                "https://issuer.test", SHORTENED, "j-1", "fp", true));
    }

    @Test
    void ofWhenRejectionRememberedThenItsHeaderFactsAndCached() {
        AuditFacts first = AuditFacts.of(new JweHeader("dir", "A256GCM", "k", Map.of()), null, "fp");
        VerifiedTokenCache.Rejection remembered = first.rejection(Reason.DECRYPTION_FAILED);
        assertThat(remembered).isEqualTo(new VerifiedTokenCache.Rejection(Reason.DECRYPTION_FAILED, "k", "dir",
                "A256GCM"));
        assertThat(AuditFacts.of(remembered, "fp")).isEqualTo(new AuditFacts("k", "dir", "A256GCM", null, null, null,
                "fp", true));
    }

    @Test
    void eventWhenFingerprintNotComputedYetThenFromTheTokenText() {
        AuditEvent e = AuditFacts.NONE.event(TestKeys.NOW, Reason.MALFORMED, "not a token", REQUEST, Duration.ZERO);
        assertThat(e.fingerprint()).isEqualTo(TokenDigest.fingerprintOf("not a token")).hasSize(16);
        assertThat(e.accepted()).isFalse();
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(AuditFacts.NONE.event(TestKeys.NOW, Reason.MALFORMED, null, REQUEST, Duration.ZERO).fingerprint())
                .isNull();
    }

    @Test
    void eventWhenAcceptedThenEveryFactCarried() {
        AuditFacts f = new AuditFacts("k", "dir", "A256GCM", "iss", "sub", "jti", "fp", true);
        AuditEvent e = f.event(TestKeys.NOW, null, "ignored", REQUEST, Duration.ofMillis(3));
        assertThat(e).isEqualTo(new AuditEvent(TestKeys.NOW, true, null, "k", "dir", "A256GCM", "iss", "sub", "jti",
                "fp", REQUEST, Duration.ofMillis(3), true));
    }
}
