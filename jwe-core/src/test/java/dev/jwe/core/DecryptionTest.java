package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.Compact;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecryptionTest {
    private static final KeyEntry OCT = TestKeys.oct("oct-1", 32);
    private static final KeyEntry RSA = TestKeys.rsa("rsa-1", 2048);
    private static final KeyEntry EC = TestKeys.ec("ec-1", "P-256");
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");
    private static final HeaderPolicy EVERY_SUPPORTED = new HeaderPolicy(Set.copyOf(Algorithms.KEY_MANAGEMENT),
            Set.copyOf(Algorithms.CONTENT_ENCRYPTION));

    private static Decryption.Result decrypt(KeySource keys, String token) throws TokenRejectedException {
        Compact jwe = TokenForm.parse(token);
        return new Decryption(keys, new KeySelection(TestKeys.CLOCK), CryptoProviderSelection.select("auto")).decrypt(jwe,
                EVERY_SUPPORTED.check(JweHeader.read(jwe), jwe));
    }

    private static Reason rejection(KeySource keys, String token) {
        try {
            decrypt(keys, token);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the token was decrypted");
    }

    private static String dir(KeyEntry key, String enc) {
        return TokenIssuer.builder().encryptionKey(key).keyManagementAlgorithm("dir").contentEncryptionAlgorithm(enc)
                .unsigned().build().issue(TestKeys.claims());
    }

    @Test
    void decryptWhenDirThenClaimsTextAndTheKeyThatDidIt() throws Exception {
        for (String enc : new String[] {"A256GCM", "A128CBC-HS256"}) {
            KeyEntry key = TestKeys.oct("oct-" + enc, 32);
            Decryption.Result r = decrypt(KeySource.of(key), dir(key, enc));
            assertThat(r.payload()).startsWith("{").contains("\"sub\":\"alice\"");
            assertThat(r.key()).isSameAs(key);
        }
    }

    @Test
    void decryptWhenKeyManagementByJose4jThenNestedJwsText() throws Exception {
        for (KeyEntry key : new KeyEntry[] {RSA, EC}) {
            String alg = key == RSA ? "RSA-OAEP-256" : "ECDH-ES+A256KW";
            Decryption.Result r = decrypt(KeySource.of(key),
                    TestTokens.issue(TestKeys.publicOnly(key), alg, "A256GCM", SIG, "ES256"));
            assertThat(Compact.segmentCount(r.payload())).isEqualTo(3);
            assertThat(r.key()).isSameAs(key);
        }
    }

    @Test
    void decryptWhenFirstCandidateFailsThenNextOneTried() throws Exception {
        KeyEntry wrong = TestKeys.oct(null, 32);
        KeyEntry right = TestKeys.oct(null, 32);
        assertThat(decrypt(KeySource.of(wrong, right), dir(right, "A256GCM")).key()).isSameAs(right);
    }

    @Test
    void decryptWhenNoCandidateDecryptsThenDecryptionFailed() {
        KeyEntry other = TestKeys.oct("oct-1", 32);
        assertThat(rejection(KeySource.of(other), dir(OCT, "A256GCM"))).isEqualTo(Reason.DECRYPTION_FAILED);
        KeyEntry otherRsa = TestKeys.rsa("rsa-1", 2048);
        assertThat(rejection(KeySource.of(otherRsa),
                TestTokens.issue(TestKeys.publicOnly(RSA), "RSA-OAEP-256", "A256GCM", SIG, "ES256")))
                .isEqualTo(Reason.DECRYPTION_FAILED);
    }

    @Test
    void decryptWhenKidUnknownThenUnknownKeyBeforeAnyDecryption() {
        assertThat(rejection(KeySource.of(TestTokens.withKid(OCT, "other")), dir(OCT, "A256GCM")))
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void decryptWhenPlaintextNotUtf8ThenMalformedClaims() {
        byte[] header = "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.UTF_8);
        String token = Forge.dirA256Gcm(OCT.key(), header, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'});
        assertThat(rejection(KeySource.of(TestTokens.withKid(OCT, null)), token)).isEqualTo(Reason.MALFORMED_CLAIMS);
    }
}
