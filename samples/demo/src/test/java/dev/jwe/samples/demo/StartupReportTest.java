package dev.jwe.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.JweSettings;
import dev.jwe.core.TestKeys;
import dev.jwe.samples.KeyFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupReportTest {
    private static final URI BASE = URI.create("http://localhost:43117");

    @Test
    void renderWhenDevelopmentKeysThenBannerDevTokenAndCommandsOnTheRealPort() {
        String text = StartupReport.render(DemoConfig.from(JweSettings.of(Map.of()), TestKeys.CLOCK), BASE);

        assertThat(text).contains("DEVELOPMENT KEYS -- NOT FOR PRODUCTION", "POST /dev/token",
                "Settings given: none (all defaults)", "  decryption-keys=[demo-enc-1]");
        List<String> lines = Arrays.asList(text.split("\n"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(StartupReport.READY + BASE + " (Ctrl-C stops it)");
        assertThat(lines).filteredOn(l -> l.startsWith("  curl ") || l.startsWith("  TOKEN=")).hasSize(12)
                .allSatisfy(l -> assertThat(l).contains("http://localhost:43117/").doesNotContain(":8080"));
        assertThat(lines).filteredOn(l -> l.startsWith("##")).allSatisfy(l -> assertThat(l).hasSize(80).endsWith("##"));
    }

    @Test
    void renderWhenKeysConfiguredThenNoBannerNoDevTokenAndSettingsWithOrigin(@TempDir Path dir) {
        KeyFiles keys = KeyFiles.create(dir);
        DemoConfig config = DemoConfig.from(JweSettings.builder().add("environment", Map.of(
                "jwe.decryption.keys", keys.decryptionKeyFile().toString(),
                "jwe.verification.keys", keys.verificationKeyFile().toString(),
                "jwe.issuer", "https://login.example.com", "jwe.audience", "orders-api")).build(), TestKeys.CLOCK);

        String text = StartupReport.render(config, BASE);

        assertThat(text).doesNotContain("DEVELOPMENT", "POST /dev/token  ", "/dev/token -d").contains(
                "Keys: yours (jwe.decryption.keys is set); POST /dev/token is off.",
                "jwe.issuer=https://login.example.com (environment)",
                "set TOKEN to an access token from your issuer (https://login.example.com) for orders-api");
        assertThat(StartupReport.commands(BASE, false)).extracting(c -> c[0]).allSatisfy(c ->
                assertThat(c).startsWith("curl ").contains(BASE.toString()));
    }
}
