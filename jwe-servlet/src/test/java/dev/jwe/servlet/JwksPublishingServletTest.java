package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.TestKeys;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init()} of the JWKS servlet: it refuses to start without a public key to publish. */
class JwksPublishingServletTest {

    private static void assertInitFails(JwksPublishingServlet servlet, FakeConfig config, String message) {
        assertThatThrownBy(() -> servlet.init(config))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("jwe servlet 'jwe': jwe.decryption.keys: ")
                .hasMessageContaining(message)
                .cause().isInstanceOf(ConfigurationException.class);
    }

    @Test
    void initWhenKeysFromContextParamThenSucceeds(@TempDir Path dir) {
        KeyFiles keys = KeyFiles.create(dir, 2048);
        FakeConfig config = new FakeConfig("jwe", Map.of(), Map.of("jwe.decryption.keys",
                keys.decryptionKeyFile().toString()));
        assertThatCode(() -> new JwksPublishingServlet().init(config)).doesNotThrowAnyException();
    }

    @Test
    void initWhenNoKeysConfiguredThenFailsNamingSetting() {
        assertInitFails(new JwksPublishingServlet(), new FakeConfig(Map.of()), "required");
    }

    @Test
    void initWhenKeyFileMissingThenFailsNamingSettingAndFile(@TempDir Path dir) {
        String missing = dir.resolve("gone.json").toString();
        assertInitFails(new JwksPublishingServlet(), new FakeConfig(Map.of("jwe.decryption.keys", missing)),
                "gone.json");
    }

    @Test
    void initWhenUnknownJweSettingThenFailsNamingIt() {
        assertThatThrownBy(() -> new JwksPublishingServlet().init(new FakeConfig(Map.of("jwe.decryption.key", "x"))))
                .isInstanceOf(ServletException.class).hasMessageContaining("jwe.decryption.key: unknown setting");
    }

    @Test
    void initWhenOnlySymmetricKeysThenFailsBecauseNothingIsPublic() {
        assertInitFails(new JwksPublishingServlet(KeySource.of(TestKeys.oct("aes", 32))), new FakeConfig(Map.of()),
                "no key with a public half");
    }

    @Test
    void initWhenGivenKeySourceFailsThenFailsWithItsMessage() {
        KeySource broken = () -> {
            throw new KeySourceException("Key file not found: /etc/app/enc.jwks.json");
        };
        assertInitFails(new JwksPublishingServlet(broken), new FakeConfig(Map.of()), "/etc/app/enc.jwks.json");
    }
}
