package dev.jwe.core;

import static dev.jwe.core.settings.CoreSettings.CACHE_MAX_ENTRIES;
import static dev.jwe.core.settings.CoreSettings.CLOCK_SKEW;
import static dev.jwe.core.settings.CoreSettings.MAX_TOKEN_LENGTH;
import static dev.jwe.core.settings.CoreSettings.PRINCIPAL_CLAIM;
import static dev.jwe.core.settings.CoreSettings.REPLAY_FAIL_OPEN;
import static dev.jwe.core.settings.CoreSettings.REPLAY_PROTECT;
import static dev.jwe.core.settings.CoreSettings.REPLAY_WINDOW;
import static dev.jwe.core.settings.CoreSettings.REVOCATION_FAIL_OPEN;
import static dev.jwe.core.settings.CoreSettings.REVOCATION_MAX_ENTRIES;
import static dev.jwe.core.settings.CoreSettings.REVOCATION_RETENTION;
import static dev.jwe.core.settings.CoreSettings.ROLES_CLAIM;
import static dev.jwe.core.settings.CoreSettings.SCOPE_CLAIM;
import static dev.jwe.core.settings.CoreSettings.SIGNATURE_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The declared defaults ({@link dev.jwe.core.settings.CoreSettings}) are what code gets without
 * settings: a validator built in code with nothing but keys, issuer and audience, and the stores.
 */
class DeclaredDefaultsTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);

    private static String policyInCode() {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).auditListener(AuditListener.NOOP).build().describePolicy();
    }

    private static String policyFromSettings() {
        return JweSettings.of(Map.of("jwe.issuer", TestKeys.ISSUER, "jwe.audience", TestKeys.AUDIENCE))
                .toValidatorBuilder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).auditListener(AuditListener.NOOP).build()
                .describePolicy();
    }

    @Test
    void builderWhenNothingSetThenPolicyHasTheDeclaredDefaults() {
        assertThat(policyInCode()).contains(
                "clock-skew=" + CLOCK_SKEW.defaultValue(),
                "max-token-length=" + MAX_TOKEN_LENGTH.defaultValue(),
                "principal-claim=" + PRINCIPAL_CLAIM.defaultValue(),
                "roles-claim=" + ROLES_CLAIM.defaultValue(),
                "scope-claim=" + SCOPE_CLAIM.defaultValue(),
                "signature-required=" + (SIGNATURE_REQUIRED.defaultValue() ? "always" : "only"),
                "cache=" + (CACHE_MAX_ENTRIES.defaultValue() > 0 ? "on" : "off"),
                "revocation-store=memory(max-entries=" + REVOCATION_MAX_ENTRIES.defaultValue() + ", retention="
                        + REVOCATION_RETENTION.defaultValue() + ", replay-window=" + REPLAY_WINDOW.defaultValue() + ")",
                "revocation-fail-open=" + REVOCATION_FAIL_OPEN.defaultValue(),
                "replay-protection=" + (REPLAY_PROTECT.defaultValue() ? "every token" : "per call"),
                "replay-fail-open=" + REPLAY_FAIL_OPEN.defaultValue());
    }

    @Test
    void builderWhenNothingSetThenSamePolicyAsFromEmptySettings() {
        assertThat(policyInCode()).isEqualTo(policyFromSettings());
    }

    @Test
    void storesWhenDefaultConstructedThenDeclaredDefaults() {
        assertThat(KeyValueRevocationStore.DEFAULT_RETENTION).isEqualTo(REVOCATION_RETENTION.defaultValue());
        assertThat(KeyValueRevocationStore.DEFAULT_REPLAY_WINDOW).isEqualTo(REPLAY_WINDOW.defaultValue());
        try (RevocationStore store = new InMemoryRevocationStore(TestKeys.CLOCK)) {
            assertThat(store.describe()).isEqualTo("memory(max-entries=" + REVOCATION_MAX_ENTRIES.defaultValue()
                    + ", retention=" + REVOCATION_RETENTION.defaultValue() + ", replay-window="
                    + REPLAY_WINDOW.defaultValue() + ")");
        }
    }
}
