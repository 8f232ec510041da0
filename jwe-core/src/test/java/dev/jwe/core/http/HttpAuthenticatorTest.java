package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.CapturingAuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

/** The decision shared by every adapter, on a request view and a real validator. */
class HttpAuthenticatorTest {
    private static final KeyEntry ENC = TestKeys.oct("enc", 32);
    private static final KeyEntry SIG = TestKeys.oct("sig", 32);
    private static final AdapterOptions OPTIONS = new AdapterOptions("orders", false, false, "X-Access-Token", "at");

    private final CapturingAuditListener capture = new CapturingAuditListener();
    private final SwitchableKeys keys = new SwitchableKeys(ENC);
    private final OutageLogTest.Recorded log = new OutageLogTest.Recorded();
    private final JweTokenValidator validator = validator();

    /** A request as an adapter would present it; header names case-insensitive. */
    private record Request(String method, Map<String, List<String>> headerMap) implements RequestView {
        static Request get(String... headers) {
            return of("GET", headers);
        }

        static Request of(String method, String... headers) {
            Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < headers.length; i += 2) {
                m.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
            }
            return new Request(method, m);
        }

        @Override
        public List<String> headers(String name) {
            return headerMap.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        @Override
        public RequestInfo info() {
            return new RequestInfo("192.0.2.1", method, "/api/orders");
        }
    }

    private JweTokenValidator validator() {
        return JweTokenValidator.builder().decryptionKeys(keys).verificationKeys(KeySource.of(SIG))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK).auditListener(capture)
                .build();
    }

    private static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    private HttpAuthenticator authenticator(AdapterOptions options) {
        return HttpAuthenticator.of(validator, options, log.logger, "jwe test");
    }

    private static ErrorResponse answer(Authentication a) {
        assertThat(a).isInstanceOf(Authentication.Answer.class);
        return ((Authentication.Answer) a).response();
    }

    @Test
    void authenticateWhenNoTokenAndTokenRequiredThen401AuditedWithRequest() {
        ErrorResponse r = answer(authenticator(OPTIONS).authenticate(Request.get()));
        assertThat(r).isEqualTo(ErrorResponse.rejection("orders", Reason.MISSING_TOKEN, List.of()));
        assertThat(capture.events()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Reason.MISSING_TOKEN);
            assertThat(e.request()).isEqualTo(new RequestInfo("192.0.2.1", "GET", "/api/orders"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "PROPFIND", "post"})
    void authenticateWhenTokenCookieOnUnsafeMethodThen400AuditedWithoutOpeningTheToken(String method) {
        ErrorResponse r = answer(authenticator(OPTIONS).authenticate(Request.of(method, "Cookie",
                "theme=dark; at=" + token(TestKeys.claims()))));
        assertThat(r).isEqualTo(ErrorResponse.rejection("orders", Reason.COOKIE_UNSAFE_METHOD, List.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers().get(ErrorResponse.WWW_AUTHENTICATE)).contains("error=\"invalid_request\"");
        assertThat(capture.events()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Reason.COOKIE_UNSAFE_METHOD);
            assertThat(e.subject()).isNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
    void authenticateWhenTokenCookieOnSafeMethodThenAuthenticated(String method) {
        assertThat(authenticator(OPTIONS).authenticate(Request.of(method, "Cookie", "at=" + token(TestKeys.claims()))))
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void authenticateWhenPostWithTokenInHeadersThenAuthenticated() {
        String t = token(TestKeys.claims());
        assertThat(authenticator(OPTIONS).authenticate(Request.of("POST", "Authorization", "Bearer " + t)))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(authenticator(OPTIONS).authenticate(Request.of("POST", "X-Access-Token", t)))
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void authenticateWhenCsrfProtectionDeclaredThenTokenCookieOnPostAuthenticated() {
        HttpAuthenticator a = authenticator(new AdapterOptions("orders", false, false, null, "at", true));
        assertThat(a.authenticate(Request.of("POST", "Cookie", "at=" + token(TestKeys.claims()))))
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void authenticateWhenNoTokenAndAnonymousOrNotRequiredThenPassWithoutAudit() {
        HttpAuthenticator anonymous = authenticator(new AdapterOptions("orders", true, false, null, null));
        assertThat(anonymous.authenticate(Request.get())).isInstanceOf(Authentication.Pass.class);
        assertThat(authenticator(OPTIONS).authenticate(Request.get(), false, false)).isInstanceOf(Authentication.Pass.class);
        assertThat(capture.events()).isEmpty();
    }

    @Test
    void authenticateWhenTokenRequirementDecidedLaterThenAskedOnlyForRequestsWithoutToken() {
        HttpAuthenticator a = authenticator(new AdapterOptions("orders", false, true, "X-Access-Token", "at"));
        List<String> asked = new ArrayList<>();
        BooleanSupplier required = () -> asked.add("required");
        BooleanSupplier notRequired = () -> !asked.add("not required");

        assertThat(answer(a.authenticate(Request.get(), required, false)))
                .isEqualTo(ErrorResponse.rejection("orders", Reason.MISSING_TOKEN, List.of()));
        assertThat(a.authenticate(Request.get(), notRequired, false)).isInstanceOf(Authentication.Pass.class);
        assertThat(asked).containsExactly("required", "not required");
        asked.clear();

        // A token, a malformed header or an allowed preflight is decided without asking.
        assertThat(a.authenticate(Request.get("Authorization", "Bearer " + token(TestKeys.claims())), required, false))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(answer(a.authenticate(Request.get("Authorization", "Bearer a b"), notRequired, false)).status())
                .isEqualTo(400);
        assertThat(a.authenticate(Request.of("OPTIONS", "Origin", "https://app.test", "Access-Control-Request-Method",
                "GET"), required, false)).isInstanceOf(Authentication.Pass.class);
        assertThat(asked).isEmpty();
        assertThat(capture.events()).extracting(AuditEvent::reason)
                .containsExactly(Reason.MISSING_TOKEN, null, Reason.INVALID_REQUEST);
    }

    @Test
    void authenticateWhenMalformedHeaderThen400EvenWhereNoTokenIsNeeded() {
        ErrorResponse r = answer(authenticator(OPTIONS).authenticate(Request.get("Authorization", "Bearer a b"), false, false));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"orders\", error=\"invalid_request\", "
                + "error_description=\"" + Reason.INVALID_REQUEST.description() + "\"");
        assertThat(capture.events()).extracting(AuditEvent::reason).containsExactly(Reason.INVALID_REQUEST);
    }

    @Test
    void authenticateWhenTokenInHeaderAndCookieThen400() {
        String t = token(TestKeys.claims());
        ErrorResponse r = answer(authenticator(OPTIONS).authenticate(Request.get("X-Access-Token", t, "Cookie", "at=" + t)));
        assertThat(r.reason()).isEqualTo(Reason.INVALID_REQUEST);
    }

    @Test
    void authenticateWhenValidTokenInAnyConfiguredPlaceThenAuthenticated() {
        HttpAuthenticator a = authenticator(OPTIONS);
        for (Request r : List.of(Request.get("Authorization", "Bearer " + token(TestKeys.claims())),
                Request.get("x-access-token", token(TestKeys.claims())),
                Request.get("Cookie", "theme=dark; at=" + token(TestKeys.claims())))) {
            Authentication outcome = a.authenticate(r);
            assertThat(outcome).isInstanceOfSatisfying(Authentication.Authenticated.class,
                    ok -> assertThat(ok.token().subject()).hasValue("alice"));
        }
        assertThat(capture.events()).hasSize(3).allSatisfy(e -> assertThat(e.accepted()).isTrue());
    }

    @Test
    void authenticateWhenTokenInUnconfiguredPlaceThenAsNoToken() {
        HttpAuthenticator a = authenticator(new AdapterOptions("orders", false, false, null, null));
        String t = token(TestKeys.claims());
        assertThat(answer(a.authenticate(Request.get("X-Access-Token", t, "Cookie", "at=" + t))).reason())
                .isEqualTo(Reason.MISSING_TOKEN);
    }

    @Test
    void authenticateWhenTokenRejectedThen401WithReasonAuditedOnceByTheValidator() {
        Map<String, Object> expired = TestKeys.claims();
        expired.put("exp", TestKeys.NOW.getEpochSecond() - 60);
        ErrorResponse r = answer(authenticator(OPTIONS).authenticate(Request.get("Authorization", "Bearer " + token(expired)),
                false, false));
        assertThat(r).isEqualTo(ErrorResponse.rejection("orders", Reason.EXPIRED, List.of()));
        assertThat(capture.events()).extracting(AuditEvent::reason).containsExactly(Reason.EXPIRED);
    }

    @Test
    void authenticateWhenPreflightAllowedThenPassesBeforeAnyTokenCheck() {
        HttpAuthenticator allowing = authenticator(new AdapterOptions("orders", false, true, null, null));
        Request preflight = Request.of("OPTIONS", "Origin", "https://app.test", "Access-Control-Request-Method", "GET",
                "Authorization", "Bearer a b");
        assertThat(allowing.authenticate(preflight)).isInstanceOf(Authentication.Pass.class);
        assertThat(capture.events()).isEmpty();
        // Not allowed, or not a preflight: decided as any other request.
        assertThat(answer(authenticator(OPTIONS).authenticate(preflight)).status()).isEqualTo(400);
        assertThat(answer(allowing.authenticate(Request.of("OPTIONS", "Origin", "https://app.test"))).status()).isEqualTo(401);
        assertThat(answer(allowing.authenticate(Request.of("GET", "Origin", "https://app.test",
                "Access-Control-Request-Method", "GET"))).status()).isEqualTo(401);
    }

    @Test
    void authenticateWhenKeySourceFailsThen503AndOutageLoggedOnceUntilItWorksAgain() {
        HttpAuthenticator a = authenticator(OPTIONS);
        keys.down(true);
        for (int i = 0; i < 3; i++) {
            assertThat(answer(a.authenticate(Request.get("Authorization", "Bearer " + token(TestKeys.claims())))))
                    .isEqualTo(ErrorResponse.unavailable());
        }
        keys.down(false);
        assertThat(a.authenticate(Request.get("Authorization", "Bearer " + token(TestKeys.claims()))))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(log.lines).filteredOn(l -> !l.startsWith("debug")).hasSize(2);
        assertThat(log.lines.get(0)).startsWith("error: ").contains("answering 503").contains("jwe test")
                .contains("test key source is down");
        assertThat(log.lines.get(log.lines.size() - 1)).startsWith("info: ").contains("works again");
        assertThat(capture.events()).extracting(AuditEvent::reason).containsExactly(Reason.UNAVAILABLE, Reason.UNAVAILABLE,
                Reason.UNAVAILABLE, null);
    }

    @Test
    void authenticateWhenSingleUseThenSecondUseReplayed() {
        HttpAuthenticator a = authenticator(OPTIONS);
        String t = token(TestKeys.claims());
        assertThat(a.authenticate(Request.get("Authorization", "Bearer " + t), true, true))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(answer(a.authenticate(Request.get("Authorization", "Bearer " + t), true, true)).reason())
                .isEqualTo(Reason.REPLAYED);
        assertThat(a.authenticate(Request.get("Authorization", "Bearer " + t), true, false))
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void authenticateWhenSingleUseAskedOfPlainValidatorThenIllegalState() {
        TokenValidator plain = (token, request) -> validator.validate(token, request);
        HttpAuthenticator a = HttpAuthenticator.of(plain, OPTIONS, "jwe test");
        assertThatThrownBy(() -> a.authenticate(Request.get("Authorization", "Bearer " + token(TestKeys.claims())), true, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one-time");
    }

    @Test
    void forbiddenWhenTokenLacksScopeThen403NamingScopesAndAudited() throws Exception {
        HttpAuthenticator a = authenticator(OPTIONS);
        VerifiedToken t = validator.validate(token(TestKeys.claims()));
        ErrorResponse r = a.forbidden(Request.get(), t, List.of("orders:write"));
        assertThat(r).isEqualTo(ErrorResponse.rejection("orders", Reason.INSUFFICIENT_SCOPE, List.of("orders:write")));
        assertThat(a.forbidden(Request.get(), t, List.of()))
                .isEqualTo(ErrorResponse.rejection("orders", Reason.INSUFFICIENT_SCOPE, List.of()));
        assertThat(capture.events()).extracting(AuditEvent::accepted, AuditEvent::reason, AuditEvent::subject).containsExactly(
                tuple(true, null, "alice"), tuple(false, Reason.INSUFFICIENT_SCOPE, "alice"),
                tuple(false, Reason.INSUFFICIENT_SCOPE, "alice"));
    }

    @Test
    void ofWhenNullThenNamesIt() {
        assertThatThrownBy(() -> HttpAuthenticator.of(null, OPTIONS, "x")).hasMessage("validator");
        assertThatThrownBy(() -> HttpAuthenticator.of(validator, null, "x")).hasMessage("options");
        assertThatThrownBy(() -> HttpAuthenticator.of(validator, OPTIONS, null)).hasMessage("name");
    }
}
