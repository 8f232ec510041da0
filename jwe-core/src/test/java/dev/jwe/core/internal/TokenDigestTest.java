package dev.jwe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenDigestTest {
    private static final String TOKEN = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aGVsbG8.d29ybGQ.dGFn";

    @Test
    void ofWhenSameTextThenEqualKeysWithTheSameHash() {
        assertThat(TokenDigest.of(TOKEN)).isEqualTo(TokenDigest.of(new String(TOKEN.toCharArray())))
                .hasSameHashCodeAs(TokenDigest.of(TOKEN));
    }

    @Test
    void ofWhenOneCharacterDiffersAnywhereThenNotEqual() {
        for (int i = 0; i < TOKEN.length(); i++) {
            char c = TOKEN.charAt(i) == 'A' ? 'B' : 'A';
            String other = TOKEN.substring(0, i) + c + TOKEN.substring(i + 1);
            assertThat(TokenDigest.of(other)).as("changed at %d", i).isNotEqualTo(TokenDigest.of(TOKEN));
        }
    }

    @Test
    void fingerprintWhenComputedThenFirstSixteenHexDigitsOfSha256() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.US_ASCII));
        assertThat(TokenDigest.of(TOKEN).fingerprint()).isEqualTo(HexFormat.of().formatHex(sha, 0, 8))
                .isEqualTo(TokenDigest.fingerprintOf(TOKEN));
    }
}
