package dev.jwe.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.VerifiedToken;
import dev.jwe.samples.KeyFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigTest {

    private static final TokenRequest ALICE = new TokenRequest("alice", List.of("user"), List.of("orders:read"),
            Duration.ofMinutes(10));

    private static DemoConfig config(Map<String, String> settings) {
        return DemoConfig.from(JweSettings.of(settings), TestKeys.CLOCK);
    }

    @Test
    void fromWhenNoKeysConfiguredThenDevelopmentKeysAndMintedTokensAreAccepted() throws Exception {
        DemoConfig config = config(Map.of());

        assertThat(config.devTokens()).isPresent();
        assertThat(config.publishedKeys().keys().keyIds()).containsExactly(DemoConfig.ENC_KID);
        assertThat(config.validator().describePolicy()).contains("issuer=[" + DemoConfig.DEV_ISSUER + "]",
                "audience=[" + DemoConfig.DEV_AUDIENCE + "]", "verification-keys=[" + DemoConfig.SIG_KID + "]");
        VerifiedToken verified = config.validator().validate(config.devTokens().orElseThrow().mint(ALICE),
                RequestInfo.NONE);
        assertThat(verified.principalName()).isEqualTo("alice");
        assertThat(verified.roles()).containsExactly("user");
        assertThat(verified.scopes()).containsExactly("orders:read");
        assertThat(verified.issuer()).hasValue(DemoConfig.DEV_ISSUER);
        assertThat(verified.metadata().keyId()).isEqualTo(DemoConfig.ENC_KID);
        assertThat(verified.metadata().signingKeyId()).isEqualTo(DemoConfig.SIG_KID);
    }

    @Test
    void fromWhenDevelopmentKeysThenEachStartMakesNewKeys() {
        assertThat(config(Map.of()).publishedKeys().keys().all().get(0).publicKey())
                .isNotEqualTo(config(Map.of()).publishedKeys().keys().all().get(0).publicKey());
    }

    @Test
    void fromWhenIssuerAudienceAndClaimNamesSetWithoutKeysThenMintedTokensFollowThem() throws Exception {
        DemoConfig config = config(Map.of("jwe.issuer", "https://me.example", "jwe.audience", "mine",
                "jwe.roles-claim", "realm_access.roles", "jwe.scope-claim", "scp",
                "jwe.key-management-algorithms", "RSA-OAEP", "jwe.content-encryption-algorithms", "A128GCM"));

        VerifiedToken verified = config.validator().validate(config.devTokens().orElseThrow().mint(ALICE),
                RequestInfo.NONE);

        assertThat(verified.issuer()).hasValue("https://me.example");
        assertThat(verified.audiences()).containsExactly("mine");
        assertThat(verified.roles()).containsExactly("user");
        assertThat(verified.scopes()).containsExactly("orders:read");
        assertThat(verified.metadata().keyManagementAlgorithm()).isEqualTo("RSA-OAEP");
        assertThat(verified.metadata().contentEncryptionAlgorithm()).isEqualTo("A128GCM");
    }

    @Test
    void fromWhenOnlyVerificationKeysConfiguredThenFailsNamingDecryptionKeys(@TempDir Path dir) {
        KeyFiles keys = KeyFiles.create(dir);

        assertThatThrownBy(() -> config(Map.of("jwe.verification.keys", keys.verificationKeyFile().toString())))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("jwe.decryption.keys"));
    }

    @Test
    void fromWhenKeysConfiguredThenNoDevTokensAndTheirTokensAreAccepted(@TempDir Path dir) throws Exception {
        KeyFiles keys = KeyFiles.create(dir);
        DemoConfig config = config(Map.of("jwe.decryption.keys", keys.decryptionKeyFile().toString(),
                "jwe.verification.keys", keys.verificationKeyFile().toString(),
                "jwe.issuer", "https://login.example.com", "jwe.audience", "orders-api"));

        assertThat(config.devTokens()).isEmpty();
        assertThat(config.publishedKeys().keys().keyIds()).containsExactly(keys.encryptionKeyId());
        VerifiedToken verified = config.validator().validate(keys.mint(TestKeys.CLOCK, "https://login.example.com", "orders-api",
                "erin", List.of(), List.of()), RequestInfo.NONE);
        assertThat(verified.principalName()).isEqualTo("erin");
        assertThatThrownBy(() -> config.validator().validate(keys.mint(TestKeys.CLOCK, "https://other.example", "orders-api",
                "erin", List.of(), List.of()), RequestInfo.NONE)).isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void fromWhenKeysConfiguredWithoutIssuerThenFailsNamingIt(@TempDir Path dir) {
        KeyFiles keys = KeyFiles.create(dir);

        assertThatThrownBy(() -> config(Map.of("jwe.decryption.keys", keys.decryptionKeyFile().toString(),
                "jwe.verification.keys", keys.verificationKeyFile().toString(), "jwe.audience", "orders-api")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("jwe.issuer");
    }
}
