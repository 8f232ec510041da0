package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySelectionTest {
    private static final KeyEntry RSA_1 = TestKeys.rsa("rsa-1", 2048);
    private static final KeyEntry RSA_2 = TestKeys.rsa("rsa-2", 2048);
    private static final KeyEntry EC = TestKeys.ec("ec-1", "P-256");
    private static final KeySelection SELECTION = new KeySelection(TestKeys.CLOCK);

    /** A source that records the unknown ids it was asked about and may learn keys on that refresh. */
    private static final class RefreshingSource implements KeySource {
        final List<String> askedAbout = new ArrayList<>();
        private final KeySet now;
        private final KeySet afterRefresh;

        RefreshingSource(KeySet now, KeySet afterRefresh) {
            this.now = now;
            this.afterRefresh = afterRefresh;
        }

        @Override
        public KeySet keys() {
            return now;
        }

        @Override
        public KeySet keysForUnknownKid(String kid) {
            askedAbout.add(kid);
            return afterRefresh;
        }
    }

    private static Reason rejection(ThrowingCall call) {
        try {
            call.run();
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("a key was selected");
    }

    private interface ThrowingCall {
        void run() throws TokenRejectedException;
    }

    @Test
    void forDecryptionWhenKidNamedThenOnlyThatKey() throws Exception {
        KeySource source = KeySource.of(RSA_1, RSA_2);
        assertThat(SELECTION.forDecryption(source, "rsa-2", "RSA-OAEP-256", "A256GCM", null)).containsExactly(RSA_2);
    }

    @Test
    void forDecryptionWhenKidUnknownThenSourceAskedOnceMoreThenUnknownKey() {
        RefreshingSource source = new RefreshingSource(KeySet.of(List.of(RSA_1)), KeySet.of(List.of(RSA_1)));
        assertThat(rejection(() -> SELECTION.forDecryption(source, "rsa-9", "RSA-OAEP-256", "A256GCM", null)))
                .isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(source.askedAbout).containsExactly("rsa-9");
    }

    @Test
    void forDecryptionWhenUnknownKidArrivesOnRefreshThenThatKey() throws Exception {
        RefreshingSource source = new RefreshingSource(KeySet.of(List.of(RSA_1)), KeySet.of(List.of(RSA_1, RSA_2)));
        assertThat(SELECTION.forDecryption(source, "rsa-2", "RSA-OAEP-256", "A256GCM", null)).containsExactly(RSA_2);
    }

    @Test
    void forDecryptionWhenKidKnownThenSourceNotAskedAgain() throws Exception {
        RefreshingSource source = new RefreshingSource(KeySet.of(List.of(RSA_1)), KeySet.empty());
        assertThat(SELECTION.forDecryption(source, "rsa-1", "RSA-OAEP-256", "A256GCM", null)).containsExactly(RSA_1);
        assertThat(source.askedAbout).isEmpty();
    }

    @Test
    void forDecryptionWhenNamedKeyDoesNotFitAlgThenUnknownKey() {
        assertThat(rejection(() -> SELECTION.forDecryption(KeySource.of(EC), "ec-1", "RSA-OAEP-256", "A256GCM", null)))
                .isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(() -> SELECTION.forDecryption(KeySource.of(EC), "ec-1", "ECDH-ES", "A256GCM", "P-384")))
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void forDecryptionWithoutKidThenOnlyFittingKeysAndAtMostThree() throws Exception {
        List<KeyEntry> keys = new ArrayList<>(List.of(EC));
        for (int i = 0; i < 4; i++) {
            keys.add(TestTokens.withKid(i == 0 ? RSA_1 : RSA_2, null));
        }
        List<KeyEntry> picked = SELECTION.forDecryption(KeySource.of(KeySet.of(keys)), null, "RSA-OAEP-256", "A256GCM",
                null);
        assertThat(picked).hasSize(KeySelection.MAX_CANDIDATES).containsExactlyElementsOf(keys.subList(1, 4));
        assertThat(SELECTION.forDecryption(KeySource.of(KeySet.of(keys)), null, "ECDH-ES", "A256GCM", "P-256"))
                .containsExactly(EC);
    }

    @Test
    void forDecryptionWhenKeyOutsideItsValidityThenSkipped() throws Exception {
        KeyEntry expired = RSA_1.withValidity(null, TestKeys.NOW.minusSeconds(1));
        KeyEntry future = TestTokens.withKid(RSA_2, "rsa-1").withValidity(TestKeys.NOW.plus(Duration.ofHours(1)), null);
        KeyEntry current = TestTokens.withKid(RSA_2, "rsa-1");
        assertThat(rejection(() -> SELECTION.forDecryption(KeySource.of(expired, future), "rsa-1", "RSA-OAEP-256",
                "A256GCM", null))).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(SELECTION.forDecryption(KeySource.of(expired, future, current), "rsa-1", "RSA-OAEP-256", "A256GCM",
                null)).containsExactly(current);
    }

    @Test
    void forDecryptionWhenSourceHoldsNoKeysThenOurFailureNotTheClients() {
        assertThatThrownBy(() -> SELECTION.forDecryption(KeySource.of(KeySet.empty()), "rsa-1", "RSA-OAEP-256",
                "A256GCM", null)).isInstanceOf(KeySourceException.class).hasMessage("No decryption keys are available");
        assertThatThrownBy(() -> SELECTION.forVerification(KeySource.of(KeySet.empty()), null, "RS256"))
                .isInstanceOf(KeySourceException.class).hasMessage("No verification keys are available");
    }

    @Test
    void forVerificationWhenKeyFitsAlgThenSelectedElseUnknownKey() throws Exception {
        KeySource source = KeySource.of(TestKeys.publicOnly(RSA_1), TestKeys.publicOnly(EC));
        assertThat(SELECTION.forVerification(source, null, "ES256")).extracting(k -> k.kid().orElseThrow())
                .containsExactly("ec-1");
        assertThat(SELECTION.forVerification(source, "rsa-1", "PS256")).extracting(k -> k.kid().orElseThrow())
                .containsExactly("rsa-1");
        assertThat(rejection(() -> SELECTION.forVerification(source, "rsa-1", "ES256"))).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(() -> SELECTION.forVerification(source, null, "HS256"))).isEqualTo(Reason.UNKNOWN_KEY);
    }
}
