package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.http.Challenge;
import dev.jwe.core.internal.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases every container and every way of registering the filter must pass, over real HTTP
 * on loopback. Subclasses choose the container ({@link #container()}) and the deployment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthenticationSuite {
    private static final String PROBLEM_JSON = "application/problem+json";

    TestApp app;
    Http http;
    private ServletContainer.Running server;

    /** The container under test. */
    abstract ServletContainer container();

    /** The validator's clock: tokens are minted on it. */
    abstract Clock clock();

    /** The application as this suite deploys it. */
    abstract ServletContainer.Deployment deployment(TestApp app, Path dir);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        app = new TestApp(dir, clock());
        server = container().start(deployment(app, dir), dir.resolve("work"));
        http = new Http(server.base());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    static Http.Reply assertChallenge(Http.Reply r, Reason reason) {
        assertThat(r.status()).as(r.toString()).isEqualTo(reason.httpStatus());
        Map<String, String> challenge = r.challenge();
        assertThat(challenge).containsEntry("realm", TestApp.REALM);
        if (reason.bearerError().code() == null) {
            assertThat(challenge).containsOnlyKeys("realm");
        } else {
            assertThat(challenge).containsOnlyKeys("realm", "error", "error_description")
                    .containsEntry("error", reason.bearerError().code())
                    .containsEntry("error_description", reason.description());
        }
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(PROBLEM_JSON));
        assertThat(r.body()).isEqualTo(Challenge.problemJson(reason));
        return r;
    }

    static void assertAuthenticatedAs(Http.Reply r, String name) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.echo()).containsEntry("principal", name).containsEntry("remoteUser", name)
                .containsEntry("authType", "Bearer").containsEntry("attribute", "same");
    }

    static void assertAnonymous(Http.Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.echo()).containsEntry("principal", "-").containsEntry("remoteUser", "-")
                .containsEntry("authType", "-").containsEntry("attribute", "absent");
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void requestWhenValidTokenThenServletSeesPrincipalRolesAndClaim() {
        Http.Reply r = http.get("/api/orders", "Authorization", bearer(app.validToken()));
        assertAuthenticatedAs(r, "alice");
        assertThat(r.echo()).containsEntry("role.user", "true").containsEntry("role.admin", "false")
                .containsEntry("tenant", "acme").containsEntry("scopes", "orders:read");
        assertThat(r.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void requestWhenSchemeInOtherCaseThenAccepted() {
        assertAuthenticatedAs(http.get("/api/orders", "Authorization", "bEaReR " + app.validToken()), "alice");
    }

    @Test
    void requestWhenNoTokenThen401WithRealmOnly() {
        assertChallenge(http.get("/api/orders"), Reason.MISSING_TOKEN);
    }

    @Test
    void requestWhenOtherAuthorizationSchemeThenTreatedAsNoToken() {
        assertChallenge(http.get("/api/orders", "Authorization", "Basic YWxpY2U6c2VjcmV0"), Reason.MISSING_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer a b", "Bearer abc,def", "Bearer =abc", "Bearer a=b",
        "Bearer \"abc\"", "Bearer abc;", "Bearer abc, Bearer def"})
    void requestWhenMalformedBearerHeaderThen400InvalidRequest(String header) {
        assertChallenge(http.get("/api/orders", "Authorization", header), Reason.INVALID_REQUEST);
    }

    @Test
    void requestWhenTwoAuthorizationHeadersThen400InvalidRequest() {
        String token = app.validToken();
        assertChallenge(http.get("/api/orders", "Authorization", bearer(token), "Authorization", bearer(token)),
                Reason.INVALID_REQUEST);
    }

    @Test
    void requestWhenTokenInHeaderAndCookieThen400InvalidRequest() {
        String token = app.validToken();
        assertChallenge(http.get("/api/orders", "Authorization", bearer(token), "Cookie", "access_token=" + token),
                Reason.INVALID_REQUEST);
    }

    @Test
    void requestWhenTokenInConfiguredCookieThenAuthenticated() {
        assertAuthenticatedAs(http.get("/api/orders", "Cookie", "theme=dark; access_token=" + app.validToken()),
                "alice");
    }

    @Test
    void requestWhenExpiredThen401InvalidToken() {
        assertChallenge(http.get("/api/orders", "Authorization", bearer(app.expiredToken())), Reason.EXPIRED);
    }

    @Test
    void requestWhenWrongAudienceThen401InvalidToken() {
        assertChallenge(http.get("/api/orders", "Authorization", bearer(app.wrongAudienceToken())),
                Reason.INVALID_AUDIENCE);
    }

    @Test
    void requestWhenTamperedThen401InvalidToken() {
        String tampered = app.tamperedToken();
        Http.Reply r = assertChallenge(http.get("/api/orders", "Authorization", bearer(tampered)),
                Reason.DECRYPTION_FAILED);
        assertThat(r.body()).doesNotContain(tampered.substring(0, 20));
    }

    @Test
    void requestWhenUnknownKidThen401InvalidToken() {
        assertChallenge(http.get("/api/orders", "Authorization", bearer(app.unknownKidToken())), Reason.UNKNOWN_KEY);
    }

    @Test
    void requestWhenNotAJweThen401InvalidToken() {
        assertChallenge(http.get("/api/orders", "Authorization", bearer("abc.def")), Reason.MALFORMED);
    }

    @Test
    void requestWhenTokenOnlyInQueryStringThenTreatedAsNoToken() {
        assertChallenge(http.get("/api/orders?access_token=" + app.validToken()), Reason.MISSING_TOKEN);
    }

    @Test
    void requestWhenTokenOnlyInFormBodyThenTreatedAsNoToken() {
        assertChallenge(http.send("POST", "/api/orders", "access_token=" + app.validToken(),
                "Content-Type", "application/x-www-form-urlencoded"), Reason.MISSING_TOKEN);
    }

    @Test
    void requestWhenExcludedPathThenPassesWithoutToken() {
        assertAnonymous(http.get("/api/health"));
        assertAnonymous(http.get("/api/health", "Authorization", bearer(app.tamperedToken())));
        assertAnonymous(http.get("/api/status"));
        assertAnonymous(http.get("/api/status/db"));
    }

    @Test
    void requestWhenPathOnlyResemblesExcludedOneThenAuthenticationRequired() {
        assertChallenge(http.get("/api/healthz"), Reason.MISSING_TOKEN);
        assertChallenge(http.get("/api/health/more"), Reason.MISSING_TOKEN);
        assertChallenge(http.get("/api/statuses"), Reason.MISSING_TOKEN);
        assertChallenge(http.get("/api/health/../orders"), Reason.MISSING_TOKEN);
        assertThat(http.get("/api/health/%2e%2e/orders").status()).isNotEqualTo(200);
        assertThat(http.get("/api/health;x=y/../orders").status()).isNotEqualTo(200);
    }

    @Test
    void requestWhenAnonymousAllowedAndNoTokenThenPassesUnauthenticated() {
        assertAnonymous(http.get("/public/catalog"));
    }

    @Test
    void requestWhenAnonymousAllowedAndValidTokenThenAuthenticated() {
        assertAuthenticatedAs(http.get("/public/catalog", "Authorization", bearer(app.validToken())), "alice");
        assertAuthenticatedAs(http.get("/public/catalog", "X-Access-Token", app.validToken()), "alice");
    }

    @Test
    void requestWhenAnonymousAllowedAndBadTokenThenStillRejected() {
        assertChallenge(http.get("/public/catalog", "Authorization", bearer(app.expiredToken())), Reason.EXPIRED);
        assertChallenge(http.get("/public/catalog", "Authorization", "Bearer a b"), Reason.INVALID_REQUEST);
        assertChallenge(http.get("/public/catalog", "Authorization", bearer(app.validToken()),
                "X-Access-Token", app.validToken()), Reason.INVALID_REQUEST);
    }

    @Test
    void requestWhenCorsPreflightThenPassesWithoutToken() {
        Http.Reply r = http.send("OPTIONS", "/api/orders", null, "Origin", "https://app.example",
                "Access-Control-Request-Method", "DELETE");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void requestWhenOptionsWithoutPreflightHeadersThenAuthenticationRequired() {
        assertChallenge(http.send("OPTIONS", "/api/orders", null), Reason.MISSING_TOKEN);
    }

    @Test
    void requestWhenFilterMappedTwiceThenAuthenticatedOnce() {
        assertAuthenticatedAs(http.get("/api/twice/orders", "Authorization", bearer(app.validToken())), "alice");
        assertChallenge(http.get("/api/twice/orders"), Reason.MISSING_TOKEN);
    }

    @Test
    void jwksWhenFetchedThenPublicEncryptionKeyOnly() {
        Http.Reply r = http.get("/jwks.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/jwk-set+json"));
        assertThat(r.header("Cache-Control")).contains("public, max-age=300");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) Json.parseObject(r.body(), 4).get("keys");
        assertThat(keys).hasSize(1);
        Map<String, Object> key = keys.get(0);
        assertThat(key).containsEntry("kty", "RSA").containsEntry("use", "enc")
                .containsEntry("kid", app.keys().decryption().kid().orElseThrow())
                .containsKeys("n", "e")
                .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth", "k");
        for (String secret : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"oth\"", "\"k\"")) {
            assertThat(r.body()).doesNotContain(secret);
        }
    }

    @Test
    void jwksWhenIssuerEncryptsToPublishedKeyThenFilterAcceptsToken() {
        KeyEntry published = KeySource.load(http.get("/jwks.json").body(), null).keys().all().get(0);
        String token = TokenIssuer.builder().encryptionKey(published).signingKey(app.keys().signing()).build()
                .issue(app.claims("bob"));
        assertAuthenticatedAs(http.get("/api/orders", "Authorization", bearer(token)), "bob");
    }

    /** Valid and invalid tokens interleaved on many threads: every answer must be the right one. */
    @Test
    void requestWhenManyConcurrentClientsThenEveryAnswerMatchesItsToken() throws Exception {
        int threads = 8;
        int perThread = 40;
        String expired = app.expiredToken();
        String tampered = app.tamperedToken();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    tokens.add(i % 4 == 0 ? app.token(app.claims("user-" + thread + "-" + i)) : null);
                }
                results.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String subject = "user-" + thread + "-" + i;
                        Http.Reply r;
                        List<Object> expected;
                        switch (i % 4) {
                            case 0 -> {
                                r = http.get("/api/orders", "Authorization", bearer(tokens.get(i)));
                                expected = List.of(200, subject);
                            }
                            case 1 -> {
                                r = http.get("/api/orders", "Authorization", bearer(expired));
                                expected = List.of(401, Reason.EXPIRED.description());
                            }
                            case 2 -> {
                                r = http.get("/api/orders", "Authorization", bearer(tampered));
                                expected = List.of(401, Reason.DECRYPTION_FAILED.description());
                            }
                            default -> {
                                r = http.get("/api/orders");
                                expected = List.of(401, "-");
                            }
                        }
                        List<Object> actual = r.status() == 200 ? List.of(200, r.echo().get("principal"))
                                : List.of(r.status(), r.challenge().getOrDefault("error_description", "-"));
                        if (!actual.equals(expected)) {
                            wrong.add(subject + ": expected " + expected + " but got " + actual);
                        }
                    }
                    return wrong;
                }));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> f : results) {
                wrong.addAll(f.get(5, TimeUnit.MINUTES));
            }
            assertThat(wrong).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
