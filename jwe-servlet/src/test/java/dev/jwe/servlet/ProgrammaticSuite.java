package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.Reason;
import dev.jwe.core.TestKeys;
import dev.jwe.core.http.Challenge;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter and the JWKS servlet registered in code ({@code ServletContext.addFilter} with a
 * ready validator on a fixed clock), plus what only this set-up can show: the audit events the
 * validator's listener receives, and a failing key source.
 */
abstract class ProgrammaticSuite extends AuthenticationSuite {

    @Override
    Clock clock() {
        return TestKeys.CLOCK;
    }

    @Override
    ServletContainer.Deployment deployment(TestApp app, Path dir) {
        return app.programmatic();
    }

    @BeforeEach
    void clearAudit() {
        app.audit().clear();
    }

    private AuditEvent onlyAuditEvent() {
        List<AuditEvent> events = List.copyOf(app.audit());
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static void assertRequest(AuditEvent e, String method, String path) {
        assertThat(e.request().clientAddress()).isEqualTo("127.0.0.1");
        assertThat(e.request().method()).isEqualTo(method);
        assertThat(e.request().path()).isEqualTo(TestApp.CONTEXT_PATH + path);
    }

    @Test
    void auditWhenTokenAcceptedThenOneEventWithClientMethodAndPath() {
        assertAuthenticatedAs(http.get("/api/orders?page=2", "Authorization", bearer(app.validToken())), "alice");
        AuditEvent e = onlyAuditEvent();
        assertThat(e.accepted()).isTrue();
        assertThat(e.subject()).isEqualTo("alice");
        assertRequest(e, "GET", "/api/orders");
    }

    @Test
    void auditWhenNoTokenThenOneMissingTokenEvent() {
        assertChallenge(http.send("DELETE", "/api/orders/7", null), Reason.MISSING_TOKEN);
        AuditEvent e = onlyAuditEvent();
        assertThat(e.reason()).isEqualTo(Reason.MISSING_TOKEN);
        assertThat(e.fingerprint()).isNull();
        assertRequest(e, "DELETE", "/api/orders/7");
    }

    @Test
    void auditWhenMalformedHeaderThenOneInvalidRequestEvent() {
        assertChallenge(http.get("/api/orders", "Authorization", "Bearer a b"), Reason.INVALID_REQUEST);
        AuditEvent e = onlyAuditEvent();
        assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertRequest(e, "GET", "/api/orders");
    }

    @Test
    void auditWhenTokenRejectedThenOneEventWithReason() {
        assertChallenge(http.get("/api/orders", "Authorization", bearer(app.expiredToken())), Reason.EXPIRED);
        AuditEvent e = onlyAuditEvent();
        assertThat(e.accepted()).isFalse();
        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.fingerprint()).hasSize(16);
        assertRequest(e, "GET", "/api/orders");
    }

    @Test
    void auditWhenFilterMappedTwiceThenOneEvent() {
        assertAuthenticatedAs(http.get("/api/twice/orders", "Authorization", bearer(app.validToken())), "alice");
        assertThat(onlyAuditEvent().accepted()).isTrue();
    }

    @Test
    void auditWhenExcludedPathOrAnonymousThenNoEvent() {
        assertAnonymous(http.get("/api/health"));
        assertAnonymous(http.get("/public/catalog"));
        assertThat(app.audit()).isEmpty();
    }

    @Test
    void requestWhenOneTimePathThenSecondUseOfTheTokenRejectedAsReplayed() {
        String token = app.validToken();
        assertAuthenticatedAs(http.get("/api/payments/1", "Authorization", bearer(token)), "alice");
        assertChallenge(http.get("/api/payments/2", "Authorization", bearer(token)), Reason.REPLAYED);
        // Elsewhere the same token stays reusable until it expires.
        assertAuthenticatedAs(http.get("/api/orders", "Authorization", bearer(token)), "alice");
        assertAuthenticatedAs(http.get("/api/orders", "Authorization", bearer(token)), "alice");
    }

    @Test
    void requestWhenKeySourceFailsThen503WithoutChallenge() {
        String token = app.validToken();
        app.keysDown(true);
        try {
            Http.Reply r = http.get("/api/orders", "Authorization", bearer(token));
            assertThat(r.status()).isEqualTo(503);
            AuditEvent event = onlyAuditEvent();
            assertThat(event.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertRequest(event, "GET", "/api/orders");
            assertThat(r.header("WWW-Authenticate")).isEmpty();
            assertThat(r.header("Cache-Control")).contains("no-store");
            assertThat(r.body()).isEqualTo(Challenge.serviceUnavailableJson());

            Http.Reply jwks = http.get("/jwks.json");
            assertThat(jwks.status()).isEqualTo(503);
            assertThat(jwks.header("Cache-Control")).contains("no-store");
        } finally {
            app.keysDown(false);
        }
        assertAuthenticatedAs(http.get("/api/orders", "Authorization", bearer(token)), "alice");
        assertThat(http.get("/jwks.json").status()).isEqualTo(200);
    }
}
