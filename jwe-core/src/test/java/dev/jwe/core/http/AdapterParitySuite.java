package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.CapturingAuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenValidator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One suite that every HTTP adapter passes on every server it supports (the Servlet filter on
 * Jetty and Tomcat, the JAX-RS feature on Jersey and RESTEasy), over real HTTP: for the same
 * request each answers the status, {@code WWW-Authenticate}, {@code Cache-Control}, content type
 * and body bytes of the one {@link ErrorResponse} that core makes, and leaves the same audit
 * event. Since every adapter is held to the same bytes, they answer byte-identically to each other.
 *
 * <p>A subclass deploys its adapter with {@link #SETTINGS} in front of a resource at
 * {@code /api/me} (any valid token) that answers {@code GET} and {@code POST} with
 * {@code 200 text/plain} {@code principal=<name>}, and, where the adapter can demand a scope per resource, at
 * {@code /api/write} (scope {@code orders:write}). Cases the adapter cannot express are skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AdapterParitySuite {
    /** The adapter settings of every deployment. */
    protected static final Map<String, String> SETTINGS = Map.of("jwe.realm", "orders",
            "jwe.token-header", "X-Access-Token", "jwe.token-cookie", "access_token", "jwe.allow-preflight", "true");
    /** The scope that {@code /api/write} demands. */
    protected static final String WRITE_SCOPE = "orders:write";

    private static final String REALM = "orders";
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    private final CapturingAuditListener audit = new CapturingAuditListener();
    private final SwitchableKeys keys = new SwitchableKeys(ENC);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Server server;
    private TokenValidator validator;

    /** A running deployment of the adapter. */
    protected interface Server extends AutoCloseable {
        /**
         * The base of the application, e.g. {@code http://127.0.0.1:PORT/app}; the suite appends
         * {@code /api/me}.
         *
         * @return the base URI, without trailing slash
         */
        URI base();
    }

    /**
     * Deploys the adapter with this validator and these settings, see the class comment.
     *
     * @param validator the validator the adapter must use
     * @param settings the adapter settings ({@link #SETTINGS})
     * @return the running server
     * @throws Exception when it cannot be deployed
     */
    protected abstract Server start(TokenValidator validator, Map<String, String> settings) throws Exception;

    /**
     * Whether the adapter can demand a scope per resource ({@code /api/write}).
     *
     * @return true when {@code /api/write} is deployed
     */
    protected abstract boolean supportsRequiredScopes();

    @BeforeAll
    void startServer() throws Exception {
        validator = JweTokenValidator.builder().decryptionKeys(keys)
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK).auditListener(audit).build();
        server = start(validator, SETTINGS);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void forgetAudit() {
        audit.clear();
        keys.down(false);
    }

    // --- no token ------------------------------------------------------------------------------

    @Test
    void requestWhenNoTokenThen401WithBareChallengeAndTheseExactBytes() {
        HttpResponse<byte[]> r = get("/api/me");
        assertAnswer(r, ErrorResponse.rejection(REALM, Reason.MISSING_TOKEN, List.of()));
        // The bytes in full once, for the reader: every adapter sends exactly these.
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"orders\"");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"about:blank\","
                + "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"No access token was sent.\","
                + "\"reason\":\"MISSING_TOKEN\"}");
        assertAudited(Reason.MISSING_TOKEN);
    }

    @Test
    void requestWhenAuthorizationOfAnotherSchemeThen401AsNoToken() {
        assertAnswer(get("/api/me", "Authorization", "Basic YWxpY2U6c2VjcmV0"),
                ErrorResponse.rejection(REALM, Reason.MISSING_TOKEN, List.of()));
        assertAudited(Reason.MISSING_TOKEN);
    }

    @Test
    void requestWhenTokenOnlyInQueryStringThen401AsNoToken() {
        assertAnswer(get("/api/me?access_token=" + token(TestKeys.claims())),
                ErrorResponse.rejection(REALM, Reason.MISSING_TOKEN, List.of()));
        assertAudited(Reason.MISSING_TOKEN);
    }

    // --- malformed requests --------------------------------------------------------------------

    Stream<Arguments> malformedRequests() {
        String t = token(TestKeys.claims());
        return Stream.of(
                Arguments.of("two words after Bearer", new String[] {"Authorization", "Bearer two words"}),
                Arguments.of("Bearer without token", new String[] {"Authorization", "Bearer"}),
                Arguments.of("token with a comma", new String[] {"Authorization", "Bearer abc,def"}),
                Arguments.of("Authorization and token header", new String[] {"Authorization", "Bearer " + t,
                    "X-Access-Token", t}),
                Arguments.of("two Authorization headers", new String[] {"Authorization", "Bearer " + t,
                    "Authorization", "Bearer " + t}),
                Arguments.of("two token cookies", new String[] {"Cookie", "access_token=" + t + "; access_token=" + t}),
                Arguments.of("Authorization and token cookie", new String[] {"Authorization", "Bearer " + t,
                    "Cookie", "theme=dark; access_token=" + t}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void requestWhenNotExactlyOneWellFormedTokenThen400InvalidRequest(String what, String[] headers) {
        assertAnswer(get("/api/me", headers), ErrorResponse.rejection(REALM, Reason.INVALID_REQUEST, List.of()));
        assertAudited(Reason.INVALID_REQUEST);
    }

    // --- tokens that are not accepted ----------------------------------------------------------

    Stream<Arguments> badTokens() {
        Map<String, Object> expired = TestKeys.claims();
        expired.put("exp", TestKeys.NOW.getEpochSecond() - 60);
        Map<String, Object> otherAudience = TestKeys.claims();
        otherAudience.put("aud", "api://someone-else");
        Map<String, Object> noSubject = TestKeys.claims();
        noSubject.remove("sub");
        KeyEntry publicHalf = TestKeys.publicOnly(ENC);
        KeyEntry stranger = KeyEntry.of("stranger", publicHalf.key(), publicHalf.publicKey().orElseThrow());
        String[] parts = token(TestKeys.claims()).split("\\.");
        char c = parts[3].charAt(5);
        parts[3] = parts[3].substring(0, 5) + (c == 'A' ? 'B' : 'A') + parts[3].substring(6);
        return Stream.of(
                Arguments.of("not-a-jwe", Reason.MALFORMED),
                Arguments.of(token(expired), Reason.EXPIRED),
                Arguments.of(token(otherAudience), Reason.INVALID_AUDIENCE),
                Arguments.of(token(noSubject), Reason.MISSING_PRINCIPAL),
                Arguments.of(TokenIssuer.builder().encryptionKey(stranger).signingKey(SIG).build()
                        .issue(TestKeys.claims()), Reason.UNKNOWN_KEY),
                Arguments.of(String.join(".", parts), Reason.DECRYPTION_FAILED));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badTokens")
    void requestWhenTokenNotAcceptedThen401InvalidTokenWithFixedDescription(String token, Reason reason) {
        HttpResponse<byte[]> r = get("/api/me", "Authorization", "Bearer " + token);
        assertAnswer(r, ErrorResponse.rejection(REALM, reason, List.of()));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(token);
        assertAudited(reason);
    }

    // --- valid token ---------------------------------------------------------------------------

    Stream<Arguments> tokenPlaces() {
        return Stream.of(
                Arguments.of("Authorization", "Bearer "),
                Arguments.of("X-Access-Token", ""),
                Arguments.of("Cookie", "theme=dark; access_token="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenPlaces")
    void requestWhenValidTokenThenResourceSeesPrincipalAndNoChallenge(String header, String prefix) {
        HttpResponse<byte[]> r = get("/api/me", header, prefix + token(TestKeys.claims()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("principal=alice");
        assertThat(r.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(audit.events()).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isTrue();
            assertThat(e.subject()).isEqualTo("alice");
            assertThat(e.request().method()).isEqualTo("GET");
        });
    }

    @Test
    void requestWhenCorsPreflightThenPassesWithoutTokenOrChallenge() {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/api/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.test").header("Access-Control-Request-Method", "GET"));
        assertThat(r.statusCode()).isBetween(200, 299);
        assertThat(r.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(audit.events()).isEmpty();
    }

    // --- token cookie and CSRF ----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void requestWhenTokenCookieOnUnsafeMethodThen400BeforeAnyValidation(String method) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/api/me"))
                .method(method, HttpRequest.BodyPublishers.ofString("amount=100"))
                .header("Cookie", "access_token=" + token(TestKeys.claims())));
        assertAnswer(r, ErrorResponse.rejection(REALM, Reason.COOKIE_UNSAFE_METHOD, List.of()));
        assertThat(audit.events()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Reason.COOKIE_UNSAFE_METHOD);
            assertThat(e.subject()).as("the token was never opened").isNull();
            assertThat(e.request().method()).isEqualTo(method);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenPlaces")
    void requestWhenPostThenOnlyTheCookieIsRefused(String header, String prefix) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/api/me"))
                .POST(HttpRequest.BodyPublishers.ofString("amount=100"))
                .header(header, prefix + token(TestKeys.claims())));
        if (header.equals("Cookie")) {
            assertAnswer(r, ErrorResponse.rejection(REALM, Reason.COOKIE_UNSAFE_METHOD, List.of()));
        } else {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("principal=alice");
        }
    }

    @Test
    void requestWhenCsrfProtectionDeclaredThenTokenCookieAcceptedOnPost() throws Exception {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("jwe.token-cookie.csrf-protected", "true");
        try (Server declared = start(validator, settings)) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(declared.base() + "/api/me"))
                    .POST(HttpRequest.BodyPublishers.ofString("amount=100"))
                    .header("Cookie", "theme=dark; access_token=" + token(TestKeys.claims())));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("principal=alice");
            assertThat(audit.events()).singleElement().satisfies(e -> {
                assertThat(e.accepted()).isTrue();
                assertThat(e.request().method()).isEqualTo("POST");
            });
        }
    }

    // --- RFC 9728 resource metadata ------------------------------------------------------------

    @Test
    void requestWhenResourceConfiguredThenEveryChallengeNamesItsMetadataUrlLast() throws Exception {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("jwe.resource", "https://orders.example/api");
        String metadata = "https://orders.example/.well-known/oauth-protected-resource/api";
        try (Server withResource = start(validator, settings)) {
            HttpResponse<byte[]> none = send(HttpRequest.newBuilder(URI.create(withResource.base() + "/api/me")).GET());
            assertAnswer(none, ErrorResponse.rejection(REALM, Reason.MISSING_TOKEN, List.of(), metadata));
            assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"orders\", "
                    + "resource_metadata=\"" + metadata + "\"");

            Map<String, Object> expired = TestKeys.claims();
            expired.put("exp", TestKeys.NOW.getEpochSecond() - 60);
            HttpResponse<byte[]> rejected = send(HttpRequest.newBuilder(URI.create(withResource.base() + "/api/me"))
                    .GET().header("Authorization", "Bearer " + token(expired)));
            assertAnswer(rejected, ErrorResponse.rejection(REALM, Reason.EXPIRED, List.of(), metadata));
            assertThat(rejected.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .endsWith("error=\"invalid_token\", error_description=\"" + Reason.EXPIRED.description()
                            + "\", resource_metadata=\"" + metadata + "\"");

            if (supportsRequiredScopes()) {
                HttpResponse<byte[]> forbidden = send(HttpRequest.newBuilder(
                        URI.create(withResource.base() + "/api/write")).GET()
                        .header("Authorization", "Bearer " + token(TestKeys.claims())));
                assertAnswer(forbidden, ErrorResponse.rejection(REALM, Reason.INSUFFICIENT_SCOPE, List.of(WRITE_SCOPE),
                        metadata));
            }
        }
    }

    // --- our failure ---------------------------------------------------------------------------

    @Test
    void requestWhenKeySourceFailsThen503WithoutChallengeUntilItWorksAgain() {
        keys.down(true);
        HttpResponse<byte[]> r = get("/api/me", "Authorization", "Bearer " + token(TestKeys.claims()));
        assertAnswer(r, ErrorResponse.unavailable());
        assertThat(r.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("key source");
        assertAudited(Reason.UNAVAILABLE);

        keys.down(false);
        assertThat(get("/api/me", "Authorization", "Bearer " + token(TestKeys.claims())).statusCode()).isEqualTo(200);
    }

    // --- per-resource scopes (where the adapter can demand them) -------------------------------

    @Test
    void requestWhenRequiredScopeMissingThen403InsufficientScopeNamingIt() {
        assumeTrue(supportsRequiredScopes(), "this adapter cannot demand a scope per resource");
        HttpResponse<byte[]> r = get("/api/write", "Authorization", "Bearer " + token(TestKeys.claims()));
        assertAnswer(r, ErrorResponse.rejection(REALM, Reason.INSUFFICIENT_SCOPE, List.of(WRITE_SCOPE)));
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"orders\", "
                + "error=\"insufficient_scope\", error_description=\"" + Reason.INSUFFICIENT_SCOPE.description()
                + "\", scope=\"orders:write\"");
        assertThat(audit.events()).extracting(AuditEvent::accepted, AuditEvent::reason).containsExactly(
                tuple(true, null),
                tuple(false, Reason.INSUFFICIENT_SCOPE));
    }

    @Test
    void requestWhenRequiredScopePresentThen200() {
        assumeTrue(supportsRequiredScopes(), "this adapter cannot demand a scope per resource");
        Map<String, Object> claims = TestKeys.claims();
        claims.put("scope", "orders:read " + WRITE_SCOPE);
        HttpResponse<byte[]> r = get("/api/write", "Authorization", "Bearer " + token(claims));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("principal=alice");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The answer on the wire is the one core made: status, challenge, cache header, type, body. */
    private static void assertAnswer(HttpResponse<byte[]> r, ErrorResponse expected) {
        assertThat(r.statusCode()).as("status").isEqualTo(expected.status());
        String challenge = expected.headers().get(ErrorResponse.WWW_AUTHENTICATE);
        assertThat(r.headers().allValues("WWW-Authenticate")).as("WWW-Authenticate")
                .isEqualTo(challenge == null ? List.of() : List.of(challenge));
        assertThat(r.headers().allValues("Cache-Control")).as("Cache-Control").containsExactly("no-store");
        assertThat(r.headers().allValues("Content-Type")).as("Content-Type").containsExactly("application/problem+json");
        assertThat(r.body()).as("body").isEqualTo(expected.body());
    }

    private void assertAudited(Reason reason) {
        assertThat(audit.events()).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isFalse();
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.request().method()).isEqualTo("GET");
            assertThat(e.request().path()).endsWith("/api/me");
        });
    }

    private static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build().issue(claims);
    }

    private URI uri(String path) {
        return URI.create(server.base() + path);
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
