package dev.jwe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySources;
import dev.jwe.core.TestClock;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TestTokens;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenValidator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache, key-location and store meters read from a bound {@link JweTokenValidator}. */
class StateMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Fixture fixture = new Fixture();

    private double value(String name, String... tags) {
        RequiredSearch search = registry.get(name).tags(tags);
        Meter meter = search.meter();
        return meter.measure().iterator().next().getValue();
    }

    @Test
    void bindWhenTokensRepeatThenCacheSizeHitsMissesAndEvictionsPerCache() throws Exception {
        JweMetrics metrics = JweMetrics.builder(registry).build();
        TokenValidator validator = metrics.bind(fixture.validator().cacheMaxEntries(2)
                .auditListener(metrics.auditListener()).build());
        String token = Fixture.token();
        String bad = Fixture.tampered(Fixture.token());

        validator.validate(token);
        validator.validate(token);
        TestTokens.rejection(validator, bad);
        TestTokens.rejection(validator, bad);
        validator.validate(Fixture.token());
        validator.validate(Fixture.token());

        assertThat(value(StateMeters.CACHE_GETS, "cache", "verified", "result", "hit")).isEqualTo(1);
        assertThat(value(StateMeters.CACHE_GETS, "cache", "verified", "result", "miss")).isEqualTo(5);
        assertThat(value(StateMeters.CACHE_GETS, "cache", "rejected", "result", "hit")).isEqualTo(1);
        assertThat(value(StateMeters.CACHE_SIZE, "cache", "verified")).isEqualTo(2);
        assertThat(value(StateMeters.CACHE_SIZE, "cache", "rejected")).isEqualTo(1);
        assertThat(value(StateMeters.CACHE_EVICTIONS, "cache", "verified")).isEqualTo(1);
        assertThat(value(StateMeters.CACHE_EVICTIONS, "cache", "rejected")).isZero();
    }

    @Test
    void bindWhenCacheOffThenNoCacheMeters() {
        JweMetrics.builder(registry).build().bind(fixture.validator().cacheMaxEntries(0).build());

        assertThat(registry.find(StateMeters.CACHE_SIZE).meters()).isEmpty();
        assertThat(registry.find(StateMeters.CACHE_GETS).meters()).isEmpty();
    }

    @Test
    void bindWhenKeysGivenInCodeThenUsableCountNoAgeAndNotFailing() {
        JweMetrics.builder(registry).build().bind(fixture.validator().build());

        assertThat(value(StateMeters.KEYS_USABLE, "setting", "jwe.decryption.keys", "index", "0")).isEqualTo(1);
        assertThat(value(StateMeters.KEYS_USABLE, "setting", "jwe.verification.keys", "index", "0")).isEqualTo(1);
        assertThat(value(StateMeters.KEYS_AGE, "setting", "jwe.decryption.keys", "index", "0")).isNaN();
        assertThat(value(StateMeters.KEYS_FAILING, "setting", "jwe.decryption.keys", "index", "0")).isZero();
        assertThat(registry.find(StateMeters.KEYS_USABLE).meters()).hasSize(2);
    }

    @Test
    void bindWhenKeyFileAgesAndItsReloadFailsThenAgeGrowsAndFailingIsOne(@TempDir Path dir) throws Exception {
        TestClock clock = new TestClock();
        Path file = Files.writeString(dir.resolve("enc.jwks"), TestTokens.privateJwks(Fixture.ENC));
        Path other = Files.writeString(dir.resolve("other.jwks"), TestTokens.privateJwks(TestKeys.ec("enc-2", "P-256")));
        KeySource keys = KeySources.builder(file + "," + other).reloadInterval(Duration.ofMinutes(1)).clock(clock)
                .build();
        JweTokenValidator jwe = TestTokens.validator(keys, KeySource.of(TestKeys.publicOnly(Fixture.SIG)))
                .clock(clock).build();
        JweMetrics.builder(registry).clock(clock).build().bind(jwe);
        String[] first = {"setting", "jwe.decryption.keys", "index", "0"};

        clock.advance(Duration.ofSeconds(90));
        assertThat(registry.get(StateMeters.KEYS_AGE).tags(first).timeGauge().value(TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(value(StateMeters.KEYS_FAILING, first)).isZero();

        Files.writeString(file, "{\"keys\": [ broken");
        TestTokens.rejection(jwe, issue(clock)); // a validation looks at the file again
        clock.advance(Duration.ofSeconds(30));

        assertThat(value(StateMeters.KEYS_FAILING, first)).isEqualTo(1);
        assertThat(value(StateMeters.KEYS_USABLE, first)).isEqualTo(1); // the old keys are kept
        assertThat(registry.get(StateMeters.KEYS_AGE).tags(first).timeGauge().value(TimeUnit.SECONDS)).isEqualTo(120);
        assertThat(value(StateMeters.KEYS_USABLE, "setting", "jwe.decryption.keys", "index", "1")).isEqualTo(1);
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags().toString())
                .doesNotContain(dir.toString(), "enc.jwks", "enc-1", "enc-2"));
    }

    /** A token for a key id the validator does not have: rejected, after the key lookup ran. */
    private static String issue(TestClock clock) {
        return TokenIssuer.builder().encryptionKey(TestTokens.withKid(TestKeys.publicOnly(Fixture.ENC), "nobody"))
                .signingKey(Fixture.SIG).build().issue(TokenIssuer.claims(clock).issuer(TestKeys.ISSUER)
                        .audience(TestKeys.AUDIENCE).subject("alice").expiresIn(Duration.ofMinutes(5)).build());
    }

    @Test
    void bindWhenStoreWorksThenFailOpenCounterAtZero() {
        JweMetrics.builder(registry).build().bind(fixture.validator().build());

        assertThat(registry.find(JweMetrics.STORE_ERRORS).tag("mode", "fail-open").meters()).hasSize(1);
        assertThat(value(JweMetrics.STORE_ERRORS, "mode", "fail-open")).isZero();
    }
}
