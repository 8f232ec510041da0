package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link JweTokenValidator#cacheStatistics()} and {@link JweTokenValidator#keyHealthBySetting()}:
 * what jwe-micrometer reads at scrape time.
 */
class CacheStatisticsTest {
    private static final KeyEntry ENC = TestKeys.ec("enc-stats", "P-256");
    private static final KeyEntry SIG = TestKeys.ec("sig-stats", "P-256");

    private static JweTokenValidator.Builder validator() {
        return TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)));
    }

    private static String token() {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build()
                .issue(TestKeys.claims());
    }

    private static String tampered(String token) {
        String[] s = token.split("\\.");
        int i = s[3].length() / 2;
        s[3] = s[3].substring(0, i) + (s[3].charAt(i) == 'A' ? 'B' : 'A') + s[3].substring(i + 1);
        return String.join(".", s);
    }

    @Test
    void cacheStatisticsWhenTokensRepeatThenHitsMissesAndSizePerCache() throws Exception {
        JweTokenValidator v = validator().build();
        String token = token();
        String bad = tampered(token());

        v.validate(token);
        v.validate(token);
        v.validate(token);
        TestTokens.rejection(v, bad);
        TestTokens.rejection(v, bad);

        assertThat(v.cacheStatistics()).containsExactly(
                // a verified miss looks in the rejection cache next: the good token once, the bad one twice
                new CacheStatistics("verified", 1, 2, 3, 0),
                new CacheStatistics("rejected", 1, 1, 2, 0));
    }

    @Test
    void cacheStatisticsWhenFullThenEvictionsCounted() throws Exception {
        JweTokenValidator v = validator().cacheMaxEntries(1).build();

        v.validate(token());
        v.validate(token());
        v.validate(token());

        CacheStatistics verified = v.cacheStatistics().get(0);
        assertThat(verified.size()).isEqualTo(1);
        assertThat(verified.evictions()).isEqualTo(2);
        assertThat(verified.misses()).isEqualTo(3);
    }

    @Test
    void cacheStatisticsWhenRejectionCacheOffThenVerifiedOnlyAndWhenCacheOffThenNone() {
        assertThat(validator().cacheRejectTtl(Duration.ZERO).build().cacheStatistics())
                .extracting(CacheStatistics::cache).containsExactly("verified");
        assertThat(validator().cacheMaxEntries(0).build().cacheStatistics()).isEmpty();
    }

    @Test
    void keyHealthBySettingWhenBothSettingsThenDecryptionThenVerificationWithTheirKeyIds() {
        JweTokenValidator v = validator().build();

        assertThat(v.keyHealthBySetting()).containsOnlyKeys("jwe.decryption.keys", "jwe.verification.keys");
        assertThat(v.keyHealthBySetting().keySet()).containsExactly("jwe.decryption.keys", "jwe.verification.keys");
        assertThat(v.keyHealthBySetting().get("jwe.decryption.keys")).singleElement()
                .satisfies(h -> assertThat(h.keyIds()).containsExactly("enc-stats"));
        assertThat(v.keyHealthBySetting().get("jwe.verification.keys")).singleElement()
                .satisfies(h -> assertThat(h.keyIds()).containsExactly("sig-stats"));
        assertThat(v.keyHealthBySetting().values().stream().flatMap(java.util.List::stream).toList())
                .isEqualTo(v.keyHealth());
    }

    @Test
    void keyHealthBySettingWhenNoVerificationKeysThenDecryptionOnly() {
        KeyEntry dir = TestKeys.oct("dir-stats", 32);
        JweTokenValidator v = TestTokens.validator(KeySource.of(dir), null)
                .allowUnsignedWithSymmetricKeyManagement().build();

        assertThat(v.keyHealthBySetting()).containsOnlyKeys("jwe.decryption.keys");
    }
}
