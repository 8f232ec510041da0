package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remote verification keys against a real HTTP server on loopback. */
class RemoteKeySourceTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG_1 = TestKeys.ec("sig-1", "P-256");
    private static final KeyEntry SIG_2 = TestKeys.ec("sig-2", "P-256");

    private final TestClock clock = new TestClock();
    private JwksServer server;

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer().serve(jwks(SIG_1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String jwks(KeyEntry... keys) {
        return KeySet.of(List.of(keys)).toPublicJwks("sig");
    }

    private RemoteJwks source;

    private KeySource track(KeySource built) {
        source = (RemoteJwks) built;
        return built;
    }

    private KeySources.Builder remote() {
        return KeySources.builder(server.url()).allowRemote().clock(clock).timeout(Duration.ofMillis(500));
    }

    private JweTokenValidator validator(KeySource verification) {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC)).verificationKeys(verification)
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(clock).cacheMaxEntries(0)
                .auditListener(AuditListener.NOOP).build();
    }

    private static String token(KeyEntry signer) {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("exp", TestKeys.NOW.plus(Duration.ofDays(2)).getEpochSecond());
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(signer).build()
                .issue(claims);
    }

    private static String tokenWithKid(String kid) {
        KeyEntry signer = KeyEntry.of(kid, SIG_1.key(), SIG_1.publicKey().orElseThrow());
        return token(signer);
    }

    @Test
    void buildWhenServerDownAtStartThenStartupFailsNamingTheSetting() {
        server.status(503);
        Map<String, String> settings = Map.of("jwe.decryption.keys", KeySet.of(List.of(ENC)).toPublicJwks("enc"),
                "jwe.verification.keys", server.url(), "jwe.issuer", "x", "jwe.audience", "y");
        assertThatThrownBy(() -> JweSettings.of(settings).buildValidator())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.");
        assertThatThrownBy(() -> remote().build())
                .isInstanceOf(KeySourceException.class).hasMessageContaining(server.url())
                .hasMessageContaining("HTTP status 503");
    }

    @Test
    void validateWhenServerDownAtStartWithoutFetchAtStartThenOurFailureUntilServerAnswers() throws Exception {
        server.status(503);
        JweTokenValidator v = validator(track(remote().fetchAtStart(false).build()));
        String token = token(SIG_1);
        assertThatThrownBy(() -> v.validate(token)).isInstanceOf(KeySourceException.class);
        server.serve(jwks(SIG_1));
        clock.advance(Duration.ofSeconds(5)); // past the failure backoff
        assertThat(v.validate(token).principalName()).isEqualTo("alice");
    }

    @Test
    void validateWhenServerGoesDownAfterStartThenCachedKeysKeepWorkingUntilStaleIfError() throws Exception {
        KeySource source = track(remote().staleIfError(Duration.ofHours(1)).build());
        JweTokenValidator v = validator(source);
        String token = token(SIG_1);
        v.validate(token);
        server.status(500);
        clock.advance(Duration.ofMinutes(6)); // past refresh: a background refresh fails
        assertThat(v.validate(token).principalName()).isEqualTo("alice");
        awaitHits(2);
        awaitCondition(() -> "HTTP status 500".equals(source.health().get(0).lastError()));
        assertThat(v.validate(token).principalName()).isEqualTo("alice");
        KeySourceHealth health = source.health().get(0);
        assertThat(health.usable()).isTrue();
        assertThat(health.keyIds()).containsExactly("sig-1");

        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> v.validate(token)).isInstanceOf(KeySourceException.class);
        assertThat(source.health().get(0).usable()).isFalse();
    }

    @Test
    void validateWhenKeysOlderThanStaleIfErrorAndServerBackThenKeysFetchedAgain() throws Exception {
        JweTokenValidator v = validator(track(remote().staleIfError(Duration.ofHours(1)).build()));
        String token = token(SIG_1);
        server.status(500);
        clock.advance(Duration.ofHours(2)); // past refresh and the allowed outage
        assertThatThrownBy(() -> v.validate(token)).isInstanceOf(KeySourceException.class);
        assertThat(source.health().get(0).lastError()).isEqualTo("HTTP status 500");

        server.serve(jwks(SIG_1));
        clock.advance(Duration.ofSeconds(5)); // past the failure backoff
        assertThat(v.validate(token).principalName()).isEqualTo("alice");
        assertThat(source.health().get(0).usable()).isTrue();
    }

    @Test
    void validateWhenServerSlowerThanTimeoutThenRequestLatencyStaysBounded() throws Exception {
        KeySource source = track(remote().build());
        JweTokenValidator v = validator(source);
        server.delay(5_000);
        clock.advance(Duration.ofMinutes(6));
        String token = token(SIG_1);
        // Cached keys exist: no request waits for the slow refresh.
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> v.validate(token));
        // An unknown kid makes one request wait for one fetch, bounded by the timeout.
        clock.advance(Duration.ofMinutes(1));
        String unknown = tokenWithKid("sig-unknown");
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> v.validate(unknown));
            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
        });
        assertThat(v.validate(token).principalName()).isEqualTo("alice");
    }

    @Test
    void refreshWhenServerAnswers500GarbageOrHugeBodyThenLastGoodKeysKeptAndErrorReported() throws Exception {
        KeySource source = track(remote().build());
        JweTokenValidator v = validator(source);
        String token = token(SIG_1);
        String[] expected = {"HTTP status 500", "not a valid JWK Set", "response larger than the size cap"};
        Runnable[] breakages = {() -> server.status(500), () -> server.serve("<html>oops</html>"),
            () -> server.huge(10 * 1024 * 1024)};
        for (int i = 0; i < breakages.length; i++) {
            breakages[i].run();
            int before = server.hits();
            clock.advance(Duration.ofMinutes(10));
            assertThat(v.validate(token).principalName()).isEqualTo("alice");
            awaitHits(before + 1);
            String want = expected[i];
            awaitCondition(() -> want.equals(source.health().get(0).lastError()));
            assertThat(v.validate(token).principalName()).isEqualTo("alice");
        }
    }

    @Test
    void validateWhenIssuerRotatesToNewKidThenOneRefreshAndAccepted() throws Exception {
        JweTokenValidator v = validator(track(remote().build()));
        assertThat(server.hits()).isEqualTo(1);
        server.serve(jwks(SIG_1, SIG_2));
        clock.advance(Duration.ofSeconds(31));
        assertThat(v.validate(token(SIG_2)).metadata().signingKeyId()).isEqualTo("sig-2");
        assertThat(server.hits()).isEqualTo(2);
        assertThat(v.validate(token(SIG_2)).principalName()).isEqualTo("alice");
        assertThat(server.hits()).isEqualTo(2);
    }

    @Test
    void validateWhenFloodOfRandomKidsThenFetchesStayAtRateLimit() throws Exception {
        JweTokenValidator v = validator(track(remote().minRefreshInterval(Duration.ofSeconds(30)).build()));
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 100; i++) {
            String token = tokenWithKid("random-" + UUID.randomUUID());
            TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> v.validate(token));
            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
        }
        assertThat(server.hits()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 20; i++) {
            String token = tokenWithKid("random-" + UUID.randomUUID());
            catchThrowableOfType(TokenRejectedException.class, () -> v.validate(token));
        }
        assertThat(server.hits()).isEqualTo(3);
    }

    @Test
    void refreshWhenCacheControlMaxAgeThenHonouredWithinBounds() throws Exception {
        server.cacheControl("public, max-age=60");
        JweTokenValidator v = validator(track(remote().build()));
        String token = token(SIG_1);
        clock.advance(Duration.ofSeconds(59));
        v.validate(token);
        assertThat(server.hits()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        v.validate(token);
        awaitHits(2);

        // max-age below the minimum interval is raised to it.
        server.cacheControl("max-age=1");
        clock.advance(Duration.ofMinutes(2));
        v.validate(token);
        awaitHits(3);
        clock.advance(Duration.ofSeconds(5));
        v.validate(token);
        assertThat(server.hits()).isEqualTo(3);
    }

    @Test
    void validateWhenRemoteSetHoldsAKeyOfAnUnknownTypeThenTheOtherKeysStillWork() throws Exception {
        String withUnknown = jwks(SIG_1).replace("{\"keys\":[", "{\"keys\":[{\"kty\":\"FUTURE\",\"kid\":\"new\"},");
        server.serve(withUnknown);
        JweTokenValidator v = validator(track(remote().build()));
        assertThat(v.validate(token(SIG_1)).principalName()).isEqualTo("alice");
    }

    @Test
    void buildWhenPlainHttpToNonLoopbackThenRefused() {
        assertThatThrownBy(() -> KeySources.builder("http://issuer.example/jwks.json").allowRemote().build())
                .isInstanceOf(KeySourceException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> KeySources.builder("https://issuer.example/jwks.json").build())
                .isInstanceOf(KeySourceException.class).hasMessageContaining("verification");
    }

    /** Waits until {@code n} fetches reached the server and the client has finished with them. */
    private void awaitHits(int n) throws InterruptedException {
        awaitCondition(() -> server.hits() >= n && (source == null || source.completedFetches() >= n));
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
