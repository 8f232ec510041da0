package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.Reason;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenValidator;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one suite that every Jakarta REST implementation must pass, over real HTTP: a
 * {@link ServletHost} on a loopback port (Jetty ee10 here, Jetty ee11 in the EE 11 leg) hosts the
 * implementation's servlet, the client is the JDK's. Subclasses only
 * install their implementation (and run in their own failsafe execution, so that exactly one
 * implementation is on the class path, as in a real deployment).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JweFeatureSuite {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");
    private static final KeyEntry OTHER_ENC = TestKeys.rsa("enc-2", 2048);
    private static final String REALM = "orders";
    private static final String FORBIDDEN = "Bearer realm=\"orders\", error=\"insufficient_scope\", "
            + "error_description=\"The token lacks a role or scope this resource requires.\"";

    private final RecordingAuditListener audit = new RecordingAuditListener();
    private final HttpClient client = HttpClient.newHttpClient();
    private TestServer main;

    /**
     * Installs the implementation's servlet for {@code app} on {@code /*}.
     *
     * @return what to close after the server stopped
     */
    abstract AutoCloseable install(ServletHost.Context context, Application app) throws Exception;

    /** The servlet container: Jetty ee10; the EE 11 leg overrides it. */
    ServletHost host() {
        return new JettyEe10Host();
    }

    /** A class of the implementation that must be absent from this suite's class path. */
    abstract String otherImplementationClass();

    /** Package prefix of this implementation's {@link RuntimeDelegate}. */
    abstract String runtimeDelegatePackage();

    @BeforeAll
    void startMain() throws Exception {
        Map<String, Object> props = Map.of("jwe.realm", REALM, "jwe.token-header", "X-Access-Token",
                "jwe.token-cookie", "access_token");
        TokenValidator validator = validator(KeySource.of(ENC), audit);
        main = start(new TestApplication(
                Set.of(TestResources.Api.class, TestResources.AdminArea.class, TestResources.ServletFiltered.class),
                Set.of(new JweFeature(validator)), props),
                ctx -> ctx.addFilter(new SimulatedServletFilter(validator), "/servlet-filtered/*"));
    }

    @AfterAll
    void stopMain() throws Exception {
        if (main != null) {
            main.close();
        }
    }

    @BeforeEach
    void forgetAudit() {
        audit.drain();
    }

    // --- valid token --------------------------------------------------------------------------

    @Test
    void getWhenValidTokenThenResourceSeesPrincipal() throws Exception {
        HttpResponse<String> r = get(main, "/api/me", bearer(token(TestKeys.claims())));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(
                "principal=alice type=JwePrincipal scheme=Bearer user=true admin=false secure=false sub=alice");
        List<AuditEvent> events = audit.drain();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isTrue();
            assertThat(e.subject()).isEqualTo("alice");
            assertThat(e.request().method()).isEqualTo("GET");
            assertThat(e.request().path()).isEqualTo("/api/me");
        });
    }

    @Test
    void getWhenTokenInConfiguredCookieThenAccepted() throws Exception {
        HttpResponse<String> r = get(main, "/api/me", "Cookie", "theme=dark; access_token=" + token(TestKeys.claims()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("principal=alice ");
    }

    @Test
    void getWhenTokenInConfiguredHeaderThenAccepted() throws Exception {
        HttpResponse<String> r = get(main, "/api/me", "X-Access-Token", token(TestKeys.claims()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("principal=alice ");
    }

    // --- rejections ---------------------------------------------------------------------------

    @Test
    void getWhenNoTokenThen401WithBareChallenge() throws Exception {
        HttpResponse<String> r = get(main, "/api/me");
        assertRejected(r, 401, "Bearer realm=\"orders\"", Reason.MISSING_TOKEN);
        assertThat(audit.drain()).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isFalse();
            assertThat(e.reason()).isEqualTo(Reason.MISSING_TOKEN);
            assertThat(e.request().path()).isEqualTo("/api/me");
        });
    }

    @Test
    void getWhenTokenOnlyInQueryStringThen401AsNoToken() throws Exception {
        HttpResponse<String> r = get(main, "/api/me?access_token=" + token(TestKeys.claims()));
        assertRejected(r, 401, "Bearer realm=\"orders\"", Reason.MISSING_TOKEN);
    }

    @Test
    void getWhenMalformedAuthorizationHeaderThen400InvalidRequest() throws Exception {
        HttpResponse<String> r = get(main, "/api/me", "Authorization", "Bearer two words");
        assertRejected(r, 400, "Bearer realm=\"orders\", error=\"invalid_request\", error_description=\""
                + Reason.INVALID_REQUEST.description() + "\"", Reason.INVALID_REQUEST);
        assertThat(audit.drain()).extracting(AuditEvent::reason).containsExactly(Reason.INVALID_REQUEST);
    }

    @Test
    void getWhenTwoTokensThen400InvalidRequest() throws Exception {
        String t = token(TestKeys.claims());
        HttpResponse<String> r = get(main, "/api/me", "Authorization", "Bearer " + t, "X-Access-Token", t);
        assertRejected(r, 400, "Bearer realm=\"orders\", error=\"invalid_request\", error_description=\""
                + Reason.INVALID_REQUEST.description() + "\"", Reason.INVALID_REQUEST);
    }

    @Test
    void getWhenTwoTokenCookiesThen400InvalidRequest() throws Exception {
        String t = token(TestKeys.claims());
        HttpResponse<String> r = get(main, "/api/me", "Cookie", "access_token=" + t + "; access_token=" + t);
        assertThat(r.statusCode()).isEqualTo(400);
    }

    Stream<Arguments> badTokens() {
        Map<String, Object> expired = TestKeys.claims();
        expired.put("exp", TestKeys.NOW.getEpochSecond() - 60);
        Map<String, Object> otherAudience = TestKeys.claims();
        otherAudience.put("aud", "api://other");
        String valid = token(TestKeys.claims());
        String[] parts = valid.split("\\.");
        char c = parts[3].charAt(5);
        parts[3] = parts[3].substring(0, 5) + (c == 'A' ? 'B' : 'A') + parts[3].substring(6);
        return Stream.of(
                Arguments.of("not-a-jwe", Reason.MALFORMED),
                Arguments.of(token(expired), Reason.EXPIRED),
                Arguments.of(token(otherAudience), Reason.INVALID_AUDIENCE),
                Arguments.of(TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(OTHER_ENC)).signingKey(SIG).build()
                        .issue(TestKeys.claims()), Reason.UNKNOWN_KEY),
                Arguments.of(String.join(".", parts), Reason.DECRYPTION_FAILED));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void getWhenBadTokenThen401InvalidTokenWithReason(String token, Reason reason) throws Exception {
        HttpResponse<String> r = get(main, "/api/me", bearer(token));
        assertRejected(r, 401, "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\""
                + reason.description() + "\"", reason);
        assertThat(r.body()).doesNotContain(token);
        assertThat(audit.drain()).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isFalse();
            assertThat(e.reason()).isEqualTo(reason);
        });
    }

    @Test
    void getWhenKeySourceFailsThen503WithoutChallenge() throws Exception {
        AtomicBoolean keysAvailable = new AtomicBoolean(true);
        KeySet keys = KeySet.of(List.of(ENC));
        KeySource flaky = () -> {
            if (!keysAvailable.get()) {
                throw new KeySourceException("test key store offline");
            }
            return keys;
        };
        try (TestServer s = start(new TestApplication(Set.of(TestResources.Api.class),
                Set.of(new JweFeature(validator(flaky, AuditListener.NOOP))), Map.of()), ctx -> { })) {
            keysAvailable.set(false);
            HttpResponse<String> r = get(s, "/api/me", bearer(token(TestKeys.claims())));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(r.body()).contains("\"status\":503").doesNotContain("offline");
        }
    }

    // --- authorization ------------------------------------------------------------------------

    @Test
    void getWhenRolesAllowedAndTokenHasRoleThen200() throws Exception {
        HttpResponse<String> r = get(main, "/api/users", bearer(token(TestKeys.claims())));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("principal=alice ");
    }

    @Test
    void getWhenRolesAllowedAndTokenLacksRoleThen403InsufficientScope() throws Exception {
        HttpResponse<String> r = get(main, "/api/admins", bearer(token(TestKeys.claims())));
        assertRejected(r, 403, FORBIDDEN, Reason.INSUFFICIENT_SCOPE);
        assertThat(audit.drain()).extracting(AuditEvent::accepted, AuditEvent::reason)
                .containsExactly(tuple(true, null),
                        tuple(false, Reason.INSUFFICIENT_SCOPE));
    }

    @Test
    void getWhenRolesAllowedWithoutTokenThen401() throws Exception {
        assertRejected(get(main, "/api/admins"), 401, "Bearer realm=\"orders\"", Reason.MISSING_TOKEN);
    }

    @Test
    void getWhenRequiredScopePresentThen200() throws Exception {
        HttpResponse<String> r = get(main, "/api/orders", bearer(token(TestKeys.claims())));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void getWhenRequiredScopeMissingThen403WithScope() throws Exception {
        HttpResponse<String> r = get(main, "/api/orders/admin", bearer(token(TestKeys.claims())));
        assertRejected(r, 403, FORBIDDEN + ", scope=\"orders:read orders:write\"", Reason.INSUFFICIENT_SCOPE);
    }

    @Test
    void getWhenAllRequiredScopesPresentThen200() throws Exception {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("scope", "orders:read orders:write");
        assertThat(get(main, "/api/orders/admin", bearer(token(claims))).statusCode()).isEqualTo(200);
    }

    @Test
    void getWhenPermitAllWithoutTokenThen200Anonymous() throws Exception {
        HttpResponse<String> r = get(main, "/api/public");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("anonymous");
        assertThat(audit.drain()).isEmpty();
    }

    @Test
    void getWhenPermitAllWithValidTokenThenPrincipalSet() throws Exception {
        HttpResponse<String> r = get(main, "/api/public", bearer(token(TestKeys.claims())));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("principal=alice ");
    }

    @Test
    void getWhenPermitAllWithBadTokenThen401() throws Exception {
        HttpResponse<String> r = get(main, "/api/public", bearer("not-a-jwe"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("error=\"invalid_token\""));
    }

    @Test
    void getWhenDenyAllWithValidTokenThen403() throws Exception {
        assertRejected(get(main, "/api/closed", bearer(token(adminClaims()))), 403, FORBIDDEN,
                Reason.INSUFFICIENT_SCOPE);
    }

    @Test
    void getWhenDenyAllWithoutTokenThen401() throws Exception {
        assertRejected(get(main, "/api/closed"), 401, "Bearer realm=\"orders\"", Reason.MISSING_TOKEN);
    }

    @Test
    void getWhenClassRolesAllowedThenAppliesToUnannotatedMethod() throws Exception {
        assertRejected(get(main, "/admin-area", bearer(token(TestKeys.claims()))), 403, FORBIDDEN,
                Reason.INSUFFICIENT_SCOPE);
        assertThat(get(main, "/admin-area", bearer(token(adminClaims()))).statusCode()).isEqualTo(200);
    }

    @Test
    void getWhenMethodPermitAllOverridesClassRolesAllowedThen200WithoutToken() throws Exception {
        HttpResponse<String> r = get(main, "/admin-area/open");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("anonymous");
    }

    @Test
    void getWhenSubResourceRequiresRoleThenEnforced() throws Exception {
        assertRejected(get(main, "/api/sub", bearer(token(TestKeys.claims()))), 403, FORBIDDEN,
                Reason.INSUFFICIENT_SCOPE);
        HttpResponse<String> r = get(main, "/api/sub", bearer(token(adminClaims())));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("admin=true");
    }

    @Test
    void getWhenConcurrentRequestsHitDifferentRulesThenEachGetsItsOwn() throws Exception {
        // The filter is one instance; the matched method reaches it through an injected proxy.
        String user = token(TestKeys.claims());
        List<String> paths = List.of("/api/admins", "/api/public", "/api/users", "/api/closed");
        Map<String, Integer> expected = Map.of("/api/admins", 403, "/api/public", 200, "/api/users", 200,
                "/api/closed", 403);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(main.uri(paths.get(i % paths.size())))
                    .header("Authorization", "Bearer " + user).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.uri().getPath()).isEqualTo(expected.get(r.uri().getPath()));
        }
    }

    // --- reuse of the Servlet filter's result -------------------------------------------------

    @Test
    void getWhenServletFilterVerifiedTokenThenReusedWithoutSecondDecryption() throws Exception {
        HttpResponse<String> r = get(main, "/servlet-filtered/me", bearer(token(TestKeys.claims())));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("principal=alice type=JwePrincipal scheme=Bearer ");
        // One validation only, and it is the Servlet filter's (the only one that knows the address).
        assertThat(audit.drain()).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isTrue();
            assertThat(e.request().clientAddress()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void getWhenServletFilterVerifiedTokenLacksRoleThen403() throws Exception {
        HttpResponse<String> r = get(main, "/servlet-filtered/admins", bearer(token(TestKeys.claims())));
        assertRejected(r, 403, FORBIDDEN, Reason.INSUFFICIENT_SCOPE);
        assertThat(audit.drain()).extracting(AuditEvent::accepted).containsExactly(true, false);
    }

    // --- other deployments --------------------------------------------------------------------

    @Test
    void getWhenAnonymousAllowedThenUnannotatedPassesAndRolesStillNeedToken() throws Exception {
        try (TestServer s = start(new TestApplication(Set.of(TestResources.Api.class),
                Set.of(new JweFeature(validator(KeySource.of(ENC), AuditListener.NOOP))),
                Map.of("jwe.anonymous", "true")), ctx -> { })) {
            HttpResponse<String> anonymous = get(s, "/api/me");
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).isEqualTo("anonymous");
            assertRejected(get(s, "/api/admins"), 401, "Bearer realm=\"api\"", Reason.MISSING_TOKEN);
            assertThat(get(s, "/api/me", bearer("not-a-jwe")).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void getWhenFeatureRegisteredAsClassWithSettingsThenValidatesTokensAndPassesPreflight(@TempDir Path dir) throws Exception {
        Path decryption = pem(dir.resolve("enc.pem"), "PRIVATE KEY", ENC.key());
        Path verification = pem(dir.resolve("sig.pem"), "PUBLIC KEY", SIG.publicKey().orElseThrow());
        Map<String, Object> props = Map.of("jwe.decryption.keys", decryption.toString(),
                "jwe.verification.keys", verification.toString(),
                "jwe.issuer", TestKeys.ISSUER, "jwe.audience", TestKeys.AUDIENCE, "jwe.allow-preflight", "true");
        // PEM keys get their thumbprint as kid, so these tokens carry none; the settings path
        // has no clock option, so the claims are minted at the real time.
        String token = TokenIssuer.builder().encryptionKey(KeyEntry.of(null, ENC.publicKey().orElseThrow(), null))
                .signingKey(KeyEntry.of(null, SIG.key(), SIG.publicKey().orElseThrow())).build()
                .issue(TokenIssuer.claims(Clock.systemUTC()).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                        .subject("bob").expiresIn(Duration.ofMinutes(10)).roles(List.of("admin")).build());
        try (TestServer s = start(new TestApplication(Set.of(TestResources.Api.class, JweFeature.class), Set.of(), props),
                ctx -> { })) {
            HttpResponse<String> r = get(s, "/api/admins", bearer(token));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("principal=bob ").contains("admin=true");
            assertRejected(get(s, "/api/me"), 401, "Bearer realm=\"api\"", Reason.MISSING_TOKEN);
            // Jersey answers OPTIONS with a generated resource method behind the filter (401
            // without jwe.allow-preflight); RESTEasy answers it before any filter runs.
            HttpResponse<String> preflight = send(s, HttpRequest.newBuilder(s.uri("/api/admins"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.test").header("Access-Control-Request-Method", "GET"));
            assertThat(preflight.statusCode()).isBetween(200, 299);
        }
    }

    @Test
    void configureWhenSettingsInPropertiesAndEnvironmentThenPropertiesWin() throws Exception {
        JweFeature feature = new JweFeature(validator(KeySource.of(ENC), AuditListener.NOOP),
                Map.of("JWE_REALM", "from-env", "JWE_TOKEN_HEADER", "X-Env-Token"));
        try (TestServer s = start(new TestApplication(Set.of(TestResources.Api.class), Set.of(feature),
                Map.of("jwe.token-header", "X-Prop-Token")), ctx -> { })) {
            assertRejected(get(s, "/api/me"), 401, "Bearer realm=\"from-env\"", Reason.MISSING_TOKEN);
            assertThat(get(s, "/api/me", "X-Prop-Token", token(TestKeys.claims())).statusCode()).isEqualTo(200);
            assertThat(get(s, "/api/me", "X-Env-Token", token(TestKeys.claims())).statusCode()).isEqualTo(401);
        }
    }

    Stream<Arguments> badConfigurations() {
        Map<String, Object> valid = Map.of("jwe.issuer", TestKeys.ISSUER, "jwe.audience", TestKeys.AUDIENCE);
        return Stream.of(
                Arguments.of(false, valid, "jwe.decryption.keys"),
                Arguments.of(false, with(valid, "jwe.decryption.keys", "no-such-file.pem"), "jwe.decryption.keys"),
                Arguments.of(false, with(valid, "jwe.clock-skew", "five minutes"), "jwe.clock-skew"),
                Arguments.of(true, Map.of("jwe.realm", "say \"hi\""), "jwe.realm"),
                Arguments.of(true, Map.of("jwe.anonymous", "maybe"), "jwe.anonymous"),
                Arguments.of(true, Map.of("jwe.token-header", "Authorization"), "jwe.token-header"),
                Arguments.of(true, Map.of("jwe.token-cookie", "a b"), "jwe.token-cookie"),
                Arguments.of(true, Map.of("jwe.no-such-setting", "x"), "jwe.no-such-setting"));
    }

    @ParameterizedTest
    @MethodSource("badConfigurations")
    void configureWhenSettingInvalidThenDeploymentFailsNamingIt(boolean withValidator, Map<String, Object> props,
            String setting) {
        Set<Object> singletons = withValidator
                ? Set.of(new JweFeature(validator(KeySource.of(ENC), AuditListener.NOOP))) : Set.of();
        Set<Class<?>> classes = withValidator
                ? Set.of(TestResources.Api.class) : Set.of(TestResources.Api.class, JweFeature.class);
        assertThatThrownBy(() -> start(new TestApplication(classes, singletons, props), ctx -> { }).close())
                .satisfies(e -> assertThat(configurationException(e)).satisfies(c -> {
                    assertThat(c.setting()).isEqualTo(setting);
                    assertThat(c.getMessage()).startsWith(setting + ": ");
                }));
    }

    @Test
    void runtimeWhenSuiteRunsThenOnlyThisImplementationIsPresent() {
        assertThat(RuntimeDelegate.getInstance().getClass().getName()).startsWith(runtimeDelegatePackage());
        assertThatThrownBy(() -> Class.forName(otherImplementationClass())).isInstanceOf(ClassNotFoundException.class);
    }

    // --- helpers ------------------------------------------------------------------------------

    private static TokenValidator validator(KeySource decryption, AuditListener listener) {
        return JweTokenValidator.builder().decryptionKeys(decryption)
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .clock(TestKeys.CLOCK).auditListener(listener).build();
    }

    private static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build().issue(claims);
    }

    private static Map<String, Object> adminClaims() {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("groups", List.of("admin"));
        return claims;
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, String value) {
        Map<String, Object> out = new HashMap<>(base);
        out.put(key, value);
        return out;
    }

    private static Path pem(Path file, String type, Key key) throws IOException {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static ConfigurationException configurationException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
            for (Throwable s : t.getSuppressed()) {
                ConfigurationException c = configurationException(s);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static void assertRejected(HttpResponse<String> r, int status, String challenge, Reason reason) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
        assertThat(r.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":" + status).contains("\"reason\":\"" + reason.name() + "\"")
                .contains("\"detail\":\"" + reason.description() + "\"");
    }

    private static HttpResponse<String> get(TestServer server, String path, String... headers) throws Exception {
        return server.get(path, headers);
    }

    private static HttpResponse<String> send(TestServer server, HttpRequest.Builder request) throws Exception {
        return server.send(request);
    }

    private TestServer start(Application app, Consumer<ServletHost.Context> customize) throws Exception {
        return TestServer.start(host(), this::install, app, customize);
    }
}
