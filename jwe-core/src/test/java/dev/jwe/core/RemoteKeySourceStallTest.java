package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.StallingJwksServer.Stall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Remote key sets against a loopback server that stalls: every fetch ends at the timeout (not
 * later), and its connection is closed then, whichever part of the answer the server withholds.
 */
class RemoteKeySourceStallTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /**
     * Room between the deadline and its effect on a loaded machine (two cores shared by several
     * builds); the fetch was over only after twice the timeout before.
     */
    private static final Duration SLACK = Duration.ofMillis(600);
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG_LOCAL = TestKeys.ec("sig-local", "P-256");

    private static RemoteJwks remote(String url) {
        return (RemoteJwks) KeySources.builder(url).allowRemote().timeout(TIMEOUT).fetchAtStart(false).build();
    }

    @Test
    void fetchWhenServerSendsHeadersThenStallsThenFiftyFetchesLeaveNoConnectionOpenTwoSecondsAfterTheirTimeout()
            throws Exception {
        try (StallingJwksServer server = new StallingJwksServer(Stall.AFTER_HEADERS)) {
            // Ten sources fetching at once, five times each: 50 stalled fetches, ten connections at a time.
            List<RemoteJwks> sources = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sources.add(remote(server.url()));
            }
            ExecutorService pool = Executors.newFixedThreadPool(sources.size());
            List<Long> millis = new ArrayList<>();
            try {
                List<Future<List<Long>>> runs = new ArrayList<>();
                for (RemoteJwks source : sources) {
                    runs.add(pool.submit(() -> {
                        List<Long> mine = new ArrayList<>();
                        for (int n = 0; n < 5; n++) {
                            long start = System.nanoTime();
                            assertThatThrownBy(source::fetchNow).isInstanceOf(KeySourceException.class)
                                    .hasMessageContaining(server.url()).hasMessageEndingWith(": timed out");
                            mine.add((System.nanoTime() - start) / 1_000_000);
                        }
                        return mine;
                    }));
                }
                for (Future<List<Long>> run : runs) {
                    millis.addAll(run.get());
                }
            } finally {
                pool.shutdownNow();
            }
            // A fetch cancelled before its connection was made never reaches the server.
            assertThat(server.accepted()).isBetween(40, 50);
            assertThat(server.awaitNoneOpen(Duration.ofSeconds(2)))
                    .as("connections still open 2 s after the last timeout: %d", server.open()).isTrue();
            assertThat(millis).hasSize(50).allSatisfy(ms -> assertThat(ms).isLessThan(TIMEOUT.plus(SLACK).toMillis()));
            assertThat(sources).allSatisfy(s -> assertThat(s.health().get(0).lastError()).isEqualTo("timed out"));
        }
    }

    @ParameterizedTest
    @EnumSource(Stall.class)
    void fetchWhenServerStallsAnywhereThenTheWholeFetchEndsAtTheTimeoutAndItsConnectionIsClosed(Stall stall)
            throws Exception {
        try (StallingJwksServer server = new StallingJwksServer(stall)) {
            RemoteJwks source = remote(server.url());

            long start = System.nanoTime();
            assertThatThrownBy(source::fetchNow).isInstanceOf(KeySourceException.class)
                    .hasMessageEndingWith(": timed out");
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(millis).isBetween(TIMEOUT.toMillis() - 50, TIMEOUT.plus(SLACK).toMillis());
            assertThat(server.accepted()).isEqualTo(1);
            assertThat(server.awaitNoneOpen(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void validateWhenUnknownKidsWhileServerStallsThenEachWaitsAtMostTheTimeoutAndLeavesNoConnection(
            @TempDir Path dir) throws Exception {
        try (StallingJwksServer server = new StallingJwksServer(Stall.AFTER_HEADERS)) {
            TestClock clock = new TestClock();
            Path local = Files.writeString(dir.resolve("local.jwks"),
                    KeySet.of(List.of(TestKeys.publicOnly(SIG_LOCAL))).toPublicJwks("sig"));
            KeySource keys = KeySources.builder(local + "," + server.url()).allowRemote().timeout(TIMEOUT)
                    .minRefreshInterval(Duration.ofSeconds(30)).clock(clock).build();
            int atStart = server.accepted();
            JweTokenValidator v = TestTokens.validator(KeySource.of(ENC), keys).clock(clock).build();
            KeyEntry attacker = TestTokens.withKid(SIG_LOCAL, "made-up");

            for (int window = 0; window < 5; window++) {
                clock.advance(Duration.ofMinutes(10)); // past the rate limit and the failure backoff
                String token = token(attacker);
                long start = System.nanoTime();
                assertThat(TestTokens.rejection(v, token)).isEqualTo(Reason.UNKNOWN_KEY);
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(TIMEOUT.plus(SLACK).toMillis());
                // Within the window, more unknown ids neither fetch nor wait.
                String another = token(TestTokens.withKid(SIG_LOCAL, "other-" + window));
                start = System.nanoTime();
                assertThat(TestTokens.rejection(v, another)).isEqualTo(Reason.UNKNOWN_KEY);
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(SLACK.toMillis());
            }
            assertThat(server.accepted() - atStart).isEqualTo(5);
            assertThat(server.awaitNoneOpen(Duration.ofSeconds(2))).isTrue();
            assertThat(v.validate(token(SIG_LOCAL)).principalName()).isEqualTo("alice");
        }
    }

    private static String token(KeyEntry signer) {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("exp", TestKeys.NOW.plus(Duration.ofDays(1)).getEpochSecond());
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(signer).build().issue(claims);
    }
}
