package dev.jwe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The direct dir decryption, checked against tokens that jose4j encrypts. */
class ContentCipherTest {
    static final java.util.List<String> ENCS = Algorithms.CONTENT_ENCRYPTION;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PAYLOAD = "{\"sub\":\"alice\",\"exp\":1767225600,\"note\":\"caf\u00e9\"}";

    private static SecretKey key(String enc) {
        byte[] k = new byte[Algorithms.cekBytes(enc)];
        RANDOM.nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }

    private static String encrypt(String payload, String enc, SecretKey key) {
        return JoseCrypto.encrypt(payload, "dir", enc, key, null, "k1", null);
    }

    private static byte[] decrypt(String token, String enc, SecretKey key) {
        Compact jwe = Compact.parse(token, 5);
        assertThat(jwe).as("strict compact form").isNotNull();
        return ContentCipher.decrypt(Jca.jdk(), jwe, enc, key);
    }

    /** Replaces the character at {@code offset} within segment {@code segment} by another alphabet character. */
    static String tamper(String token, int segment, int offset) {
        int start = 0;
        for (int i = 0; i < segment; i++) {
            start = token.indexOf('.', start) + 1;
        }
        int at = start + offset;
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    @ParameterizedTest
    @FieldSource("ENCS")
    void decryptWhenTokenFromJose4jThenPlaintext(String enc) {
        SecretKey key = key(enc);
        assertThat(new String(decrypt(encrypt(PAYLOAD, enc, key), enc, key), StandardCharsets.UTF_8)).isEqualTo(PAYLOAD);
    }

    @ParameterizedTest
    @FieldSource("ENCS")
    void decryptWhenTagTamperedThenNull(String enc) {
        SecretKey key = key(enc);
        assertThat(decrypt(tamper(encrypt(PAYLOAD, enc, key), 4, 0), enc, key)).isNull();
    }

    @ParameterizedTest
    @FieldSource("ENCS")
    void decryptWhenIvTamperedThenNull(String enc) {
        SecretKey key = key(enc);
        assertThat(decrypt(tamper(encrypt(PAYLOAD, enc, key), 2, 0), enc, key)).isNull();
    }

    @ParameterizedTest
    @FieldSource("ENCS")
    void decryptWhenHeaderTamperedThenNullBecauseItIsTheAad(String enc) {
        SecretKey key = key(enc);
        assertThat(decrypt(tamper(encrypt(PAYLOAD, enc, key), 0, 3), enc, key)).isNull();
    }

    @ParameterizedTest
    @FieldSource("ENCS")
    void decryptWhenCiphertextTamperedThenNull(String enc) {
        SecretKey key = key(enc);
        assertThat(decrypt(tamper(encrypt(PAYLOAD, enc, key), 3, 5), enc, key)).isNull();
    }

    @ParameterizedTest
    @FieldSource("ENCS")
    void decryptWhenTagTruncatedThenNull(String enc) {
        SecretKey key = key(enc);
        String token = encrypt(PAYLOAD, enc, key);
        int lastDot = token.lastIndexOf('.');
        byte[] tag = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        String shortTag = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, tag.length - 1));
        assertThat(decrypt(token.substring(0, lastDot + 1) + shortTag, enc, key)).isNull();
    }

    @ParameterizedTest
    @FieldSource("ENCS")
    void decryptWhenOtherKeyThenNull(String enc) {
        assertThat(decrypt(encrypt(PAYLOAD, enc, key(enc)), enc, key(enc))).isNull();
    }

    @Test
    void decryptWhenEncOtherThanTheOneUsedThenNull() {
        SecretKey key = key("A256GCM");
        assertThat(decrypt(encrypt(PAYLOAD, "A256GCM", key), "A128CBC-HS256", key)).isNull();
        assertThat(decrypt(encrypt(PAYLOAD, "A128CBC-HS256", key), "A256GCM", key)).isNull();
    }

    @ParameterizedTest
    @FieldSource("ENCS")
    void decryptWhenKeyIsNotLabelledAesThenStillDecrypts(String enc) {
        SecretKey key = key(enc);
        SecretKey relabelled = new SecretKeySpec(key.getEncoded(), "HmacSHA256");
        assertThat(decrypt(encrypt(PAYLOAD, enc, key), enc, relabelled)).isNotNull();
    }

    @Property(tries = 60)
    void decryptWhenAnyCharacterOfHeaderIvCiphertextOrTagChangedThenNull(@ForAll("encs") String enc,
            @ForAll @StringLength(min = 1, max = 200) String payload, @ForAll("segments") int segment,
            @ForAll @IntRange(min = 0, max = 10_000) int where) {
        SecretKey key = key(enc);
        String token = encrypt(payload, enc, key);
        String[] parts = token.split("\\.");
        String tampered = tamper(token, segment, where % parts[segment].length());
        Compact jwe = Compact.parse(tampered, 5);
        // A change to only the unused low bits of a final character is not strict base64url.
        Assume.that(jwe != null);
        assertThat(ContentCipher.decrypt(Jca.jdk(), jwe, enc, key)).isNull();
        assertThat(new String(decrypt(token, enc, key), StandardCharsets.UTF_8)).isEqualTo(payload);
    }

    @Provide
    Arbitrary<String> encs() {
        return Arbitraries.of(Algorithms.CONTENT_ENCRYPTION);
    }

    @Provide
    Arbitrary<Integer> segments() {
        return Arbitraries.of(0, 2, 3, 4);
    }
}
