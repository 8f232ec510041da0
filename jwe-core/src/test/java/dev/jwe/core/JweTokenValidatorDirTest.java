package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jwe.core.internal.TokenDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dir} tokens, whose content the validator decrypts directly with the JCA. */
class JweTokenValidatorDirTest {
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    private static JweTokenValidator.Builder builder(KeyEntry key) {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(key))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK)
                .auditListener(AuditListener.NOOP).cacheMaxEntries(0);
    }

    private static String signed(KeyEntry key, String enc) {
        return TokenIssuer.builder().encryptionKey(key).keyManagementAlgorithm("dir").contentEncryptionAlgorithm(enc)
                .signingKey(SIG).build().issue(TestKeys.claims());
    }

    private static String unsigned(KeyEntry key, String enc) {
        return TokenIssuer.builder().encryptionKey(key).keyManagementAlgorithm("dir").contentEncryptionAlgorithm(enc)
                .unsigned().build().issue(TestKeys.claims());
    }

    private static int keyBytes(String enc) {
        return switch (enc) {
            case "A128GCM" -> 16;
            case "A192GCM" -> 24;
            case "A256GCM", "A128CBC-HS256" -> 32;
            case "A192CBC-HS384" -> 48;
            default -> 64;
        };
    }

    private static Reason reasonOf(TokenValidator v, String token) {
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> v.validate(token));
        assertThat(e).as("expected a rejection").isNotNull();
        return e.reason();
    }

    /** Flips one character in the middle of segment {@code segment}. */
    private static String tamper(String token, int segment) {
        String[] parts = token.split("\\.", -1);
        String p = parts[segment];
        int i = p.length() / 2;
        parts[segment] = p.substring(0, i) + (p.charAt(i) == 'A' ? 'B' : 'A') + p.substring(i + 1);
        return String.join(".", parts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"})
    void validateWhenSignedDirTokenThenAccepted(String enc) throws Exception {
        KeyEntry key = TestKeys.oct("dir-1", keyBytes(enc));
        VerifiedToken t = builder(key).build().validate(signed(key, enc));
        assertThat(t.subject()).contains("alice");
        assertThat(t.metadata().keyManagementAlgorithm()).isEqualTo("dir");
        assertThat(t.metadata().contentEncryptionAlgorithm()).isEqualTo(enc);
        assertThat(t.metadata().signatureAlgorithm()).isEqualTo("ES256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A256GCM", "A256CBC-HS512"})
    void validateWhenUnsignedDirTokenAndAllowedThenAccepted(String enc) throws Exception {
        KeyEntry key = TestKeys.oct("dir-1", keyBytes(enc));
        VerifiedToken t = builder(key).allowUnsignedWithSymmetricKeyManagement().build().validate(unsigned(key, enc));
        assertThat(t.roles()).containsExactly("user");
        assertThat(t.metadata().signatureAlgorithm()).isNull();
    }

    @Test
    void validateWhenUnsignedDirTokenAndNotAllowedThenUnsigned() {
        KeyEntry key = TestKeys.oct("dir-1", 32);
        assertThat(reasonOf(builder(key).build(), unsigned(key, "A256GCM"))).isEqualTo(Reason.UNSIGNED);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 4})
    void validateWhenHeaderIvCiphertextOrTagAlteredThenRejected(int segment) {
        KeyEntry key = TestKeys.oct("dir-1", 32);
        for (String enc : List.of("A256GCM", "A128CBC-HS256")) {
            // An altered header may no longer be JSON (malformed) or still be: then the AAD fails.
            assertThat(reasonOf(builder(key).build(), tamper(signed(key, enc), segment)))
                    .isIn(Reason.DECRYPTION_FAILED, Reason.MALFORMED);
        }
        assertThat(reasonOf(builder(key).build(), tamper(signed(key, "A256GCM"), 3))).isEqualTo(Reason.DECRYPTION_FAILED);
    }

    @Test
    void validateWhenOtherKeyWithSameKidThenDecryptionFailed() {
        String token = signed(TestKeys.oct("dir-1", 32), "A256GCM");
        assertThat(reasonOf(builder(TestKeys.oct("dir-1", 32)).build(), token)).isEqualTo(Reason.DECRYPTION_FAILED);
    }

    @Test
    void validateWhenCacheOffAndNoAuditThenNoFingerprint() throws Exception {
        KeyEntry key = TestKeys.oct("dir-1", 32);
        assertThat(builder(key).build().validate(signed(key, "A256GCM")).metadata().fingerprint()).isNull();
    }

    @Test
    void validateWhenAuditListenerThenEventAndMetadataCarryTheFingerprint() throws Exception {
        KeyEntry key = TestKeys.oct("dir-1", 32);
        String token = signed(key, "A256GCM");
        List<AuditEvent> events = new CopyOnWriteArrayList<>();
        JweTokenValidator v = builder(key).auditListener(new AuditListener() {
            @Override
            public void onAccepted(AuditEvent event) {
                events.add(event);
            }
        }).build();
        String expected = TokenDigest.of(token).fingerprint();
        assertThat(v.validate(token).metadata().fingerprint()).isEqualTo(expected);
        assertThat(events).singleElement().extracting(AuditEvent::fingerprint).isEqualTo(expected);
    }

    @Test
    void validateWhenCacheHitThenFingerprintOfTheToken() throws Exception {
        KeyEntry key = TestKeys.oct("dir-1", 32);
        String token = signed(key, "A256GCM");
        JweTokenValidator v = builder(key).cacheMaxEntries(10).build();
        v.validate(token);
        VerifiedToken hit = v.validate(token);
        assertThat(hit.metadata().cached()).isTrue();
        assertThat(hit.metadata().fingerprint()).isEqualTo(TokenDigest.of(token).fingerprint());
    }
}
