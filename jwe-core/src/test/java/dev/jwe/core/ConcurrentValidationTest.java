package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One validator shared by several threads, as in a servlet container: the JCA engines it keeps
 * between calls ({@code Jca}) must never let one token's keys or state reach another's answer.
 */
class ConcurrentValidationTest {
    private static final int THREADS = 6;
    private static final int TOKENS_PER_THREAD = 40;

    private static KeyEntry encryptionKey(String alg) {
        return switch (alg) {
            case "RSA-OAEP-256" -> TestKeys.rsa("enc", 2048);
            case "ECDH-ES+A256KW", "ECDH-ES" -> TestKeys.ec("enc", "P-256");
            default -> TestKeys.oct("enc", 32);
        };
    }

    private static TokenIssuer issuer(String alg, KeyEntry enc, KeyEntry sig) {
        return TokenIssuer.builder().encryptionKey(alg.equals("dir") ? enc : TestKeys.publicOnly(enc))
                .keyManagementAlgorithm(alg).contentEncryptionAlgorithm("A256GCM").signingKey(sig).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP-256", "ECDH-ES+A256KW", "ECDH-ES", "dir"})
    void validateWhenSameTokenAgainWithCacheOffThenEveryCallDecryptsAndAcceptsIt(String alg) throws Exception {
        // Each call reuses the engines of the last one (and, with ACCP, its converted keys).
        KeyEntry enc = encryptionKey(alg);
        KeyEntry sig = TestKeys.ec("sig", "P-256");
        String token = issuer(alg, enc, sig).issue(TestKeys.claims());
        JweTokenValidator validator = TestTokens.validator(KeySource.of(enc), KeySource.of(TestKeys.publicOnly(sig)))
                .cacheMaxEntries(0).build();
        for (int i = 0; i < 4; i++) {
            assertThat(validator.validate(token).subject()).contains("alice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP-256", "ECDH-ES+A256KW"})
    void validateWhenTokensForTwoKeysAlternateThenBothKeysStayUsable(String alg) throws Exception {
        // Two decryption and two signing keys in turn on one validator, as during a rotation: an
        // engine kept from one call must never spoil another key (with ACCP, re-initialising one
        // of its engines with another key destroys the first key, which must never be pooled).
        KeyEntry encA = alg.startsWith("RSA") ? TestKeys.rsa("enc-a", 2048) : TestKeys.ec("enc-a", "P-256");
        KeyEntry encB = alg.startsWith("RSA") ? TestKeys.rsa("enc-b", 2048) : TestKeys.ec("enc-b", "P-256");
        KeyEntry sigA = TestKeys.ec("sig-a", "P-256");
        KeyEntry sigB = TestKeys.rsa("sig-b", 2048);
        String forA = issuer(alg, encA, sigA).issue(TestKeys.claims());
        String forB = TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(encB)).keyManagementAlgorithm(alg)
                .contentEncryptionAlgorithm("A256GCM").signingKey(sigB).signatureAlgorithm("RS256").build()
                .issue(TestKeys.claims());
        JweTokenValidator validator = TestTokens.validator(KeySource.of(encA, encB),
                KeySource.of(TestKeys.publicOnly(sigA), TestKeys.publicOnly(sigB)))
                .signatureAlgorithms(java.util.List.of("ES256", "RS256")).cacheMaxEntries(0).build();
        for (int i = 0; i < 4; i++) {
            assertThat(validator.validate(forA).subject()).as("key A, round %d", i).contains("alice");
            assertThat(validator.validate(forB).subject()).as("key B, round %d", i).contains("alice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA-OAEP-256", "ECDH-ES+A256KW", "dir"})
    void validateWhenThreadsShareOneValidatorThenEachTokenGetsItsOwnAnswer(String alg) throws Exception {
        KeyEntry enc = encryptionKey(alg);
        KeyEntry sig = TestKeys.ec("sig", "P-256");
        TokenIssuer issuer = issuer(alg, enc, sig);
        JweTokenValidator validator = TestTokens.validator(KeySource.of(enc), KeySource.of(TestKeys.publicOnly(sig)))
                .cacheMaxEntries(0).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit((Callable<Integer>) () -> {
                    int checked = 0;
                    for (int i = 0; i < TOKENS_PER_THREAD; i++) {
                        String jti = UUID.randomUUID().toString();
                        Map<String, Object> claims = new java.util.LinkedHashMap<>(TestKeys.claims());
                        claims.put("jti", jti);
                        String token = issuer.issue(claims);
                        assertThat(validator.validate(token).jwtId()).contains(jti);
                        String tampered = token.substring(0, token.length() - 3)
                                + (token.charAt(token.length() - 3) == 'A' ? 'B' : 'A') + token.substring(token.length() - 2);
                        assertThat(TestTokens.rejection(validator, tampered)).isEqualTo(Reason.DECRYPTION_FAILED);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(TOKENS_PER_THREAD);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
