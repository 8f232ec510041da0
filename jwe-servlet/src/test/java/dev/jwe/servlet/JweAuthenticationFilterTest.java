package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.AuditListener;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeySource;
import dev.jwe.core.TestKeys;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init()} of a filter declared in web.xml: every configuration error fails it, naming the setting. */
class JweAuthenticationFilterTest {
    @TempDir
    static Path dir;
    private static KeyFiles keys;

    @BeforeAll
    static void keys() {
        keys = KeyFiles.create(dir.resolve("keys"), 2048);
    }

    /** A complete configuration, to be spoilt by each test. */
    private static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("jwe.decryption.keys", keys.decryptionKeyFile().toString());
        m.put("jwe.verification.keys", keys.verificationKeyFile().toString());
        m.put("jwe.issuer", TestKeys.ISSUER);
        m.put("jwe.audience", TestKeys.AUDIENCE);
        return m;
    }

    private static AbstractThrowableAssert<?, ?> assertInitFails(JweAuthenticationFilter filter, FakeConfig config,
            String setting) {
        return assertThatThrownBy(() -> filter.init(config))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("jwe filter 'jwe': " + setting + ": ")
                .hasCauseInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e.getCause()).setting()).isEqualTo(setting));
    }

    private static AbstractThrowableAssert<?, ?> assertInitFails(Map<String, String> initParams, String setting) {
        return assertInitFails(new JweAuthenticationFilter(), new FakeConfig(initParams), setting);
    }

    @Test
    void initWhenCompleteThenSucceeds() {
        assertThatCode(() -> new JweAuthenticationFilter().init(new FakeConfig(valid()))).doesNotThrowAnyException();
    }

    @Test
    void initWhenSettingsSplitOverInitParamsContextParamsAndConfigFileThenSucceeds() throws IOException {
        Path config = Files.writeString(dir.resolve("jwe.properties"), "jwe.audience=" + TestKeys.AUDIENCE + "\n");
        Map<String, String> init = Map.of("jwe.decryption.keys", keys.decryptionKeyFile().toString(),
                "jwe.config", config.toString());
        Map<String, String> context = Map.of("jwe.issuer", TestKeys.ISSUER,
                "jwe.verification.keys", keys.verificationKeyFile().toString());
        assertThatCode(() -> new JweAuthenticationFilter().init(new FakeConfig("jwe", init, context)))
                .doesNotThrowAnyException();
    }

    @Test
    void initWhenDecryptionKeysMissingThenFailsNamingSetting() {
        Map<String, String> m = valid();
        m.remove("jwe.decryption.keys");
        assertInitFails(m, "jwe.decryption.keys");
    }

    @Test
    void initWhenKeyFileMissingThenFailsNamingSettingAndFile() {
        Map<String, String> m = valid();
        m.put("jwe.decryption.keys", dir.resolve("nowhere.pem").toString());
        assertInitFails(m, "jwe.decryption.keys").hasMessageContaining("nowhere.pem");
    }

    @Test
    void initWhenRsaKeyUnder2048BitsThenFailsNamingSetting() {
        KeyFiles weak = KeyFiles.create(dir.resolve("weak"), 1024);
        Map<String, String> m = valid();
        m.put("jwe.decryption.keys", weak.decryptionKeyFile().toString());
        assertInitFails(m, "jwe.decryption.keys").hasMessageContaining("1024");
    }

    @Test
    void initWhenUnknownJweInitParamThenFailsNamingIt() {
        Map<String, String> m = valid();
        m.put("jwe.audiences", TestKeys.AUDIENCE);
        assertInitFails(m, "jwe.audiences");
    }

    @Test
    void initWhenUnknownJweContextParamThenFailsNamingIt() {
        FakeConfig config = new FakeConfig("jwe", valid(), Map.of("jwe.isuer", TestKeys.ISSUER));
        assertInitFails(new JweAuthenticationFilter(), config, "jwe.isuer").hasMessageContaining("context-param");
    }

    @Test
    void initWhenOtherInitParamsThenIgnored() {
        Map<String, String> m = valid();
        m.put("cors.allowed-origins", "*");
        assertThatCode(() -> new JweAuthenticationFilter().init(new FakeConfig(m))).doesNotThrowAnyException();
    }

    @Test
    void initWhenIssuerMissingThenFailsNamingSetting() {
        Map<String, String> m = valid();
        m.remove("jwe.issuer");
        assertInitFails(m, "jwe.issuer");
    }

    @Test
    void initWhenBooleanNotTrueOrFalseThenFailsNamingSetting() {
        Map<String, String> m = valid();
        m.put("jwe.anonymous", "yes");
        assertInitFails(m, "jwe.anonymous");
    }

    @Test
    void initWhenRealmWouldBreakChallengeThenFailsNamingSetting() {
        Map<String, String> m = valid();
        m.put("jwe.realm", "say \"hi\"");
        assertInitFails(m, "jwe.realm");
    }

    @Test
    void initWhenExcludePathNotAbsoluteThenFailsNamingSetting() {
        Map<String, String> m = valid();
        m.put("jwe.exclude-paths", "/health, status/*");
        assertInitFails(m, "jwe.exclude-paths").hasMessageContaining("status/*");
    }

    @Test
    void initWhenTokenHeaderIsAuthorizationThenFailsNamingSetting() {
        Map<String, String> m = valid();
        m.put("jwe.token-header", "authorization");
        assertInitFails(m, "jwe.token-header");
    }

    @Test
    void initWhenTokenCookieNameInvalidThenFailsNamingSetting() {
        Map<String, String> m = valid();
        m.put("jwe.token-cookie", "access token");
        assertInitFails(m, "jwe.token-cookie");
    }

    @Test
    void initWhenValidatorGivenAndValidatorSettingInInitParamsThenFailsNamingIt() {
        JweTokenValidator validator = JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(keys.decryption()))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(keys.signing())))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).auditListener(AuditListener.NOOP).build();
        assertInitFails(new JweAuthenticationFilter(validator),
                new FakeConfig(Map.of("jwe.realm", "orders", "jwe.issuer", TestKeys.ISSUER)), "jwe.issuer");
        assertThatCode(() -> new JweAuthenticationFilter(validator).init(new FakeConfig(Map.of("jwe.realm", "orders"))))
                .doesNotThrowAnyException();
    }

    @Test
    void initWhenOneTimePathsButValidatorWithoutSingleUseThenFailsNamingTheSetting() {
        dev.jwe.core.TokenValidator plain = (token, request) -> {
            throw new dev.jwe.core.TokenRejectedException(dev.jwe.core.Reason.MALFORMED);
        };
        assertInitFails(new JweAuthenticationFilter(plain),
                new FakeConfig(Map.of("jwe.replay.paths", "/api/payments/*")), "jwe.replay.paths")
                .hasMessageContaining("one-time");
        assertInitFails(new JweAuthenticationFilter(), new FakeConfig(withReplayPaths("payments/*")),
                "jwe.replay.paths");
    }

    private Map<String, String> withReplayPaths(String paths) {
        Map<String, String> m = new java.util.HashMap<>(valid());
        m.put("jwe.replay.paths", paths);
        return m;
    }
}
