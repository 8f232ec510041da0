package dev.jwe.core;

import static dev.jwe.core.TestTokens.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.settings.AdapterSettings;
import dev.jwe.core.settings.CoreSettings;
import dev.jwe.core.settings.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link JweSettings}: sources, layering, value parsing, and the validator it builds. */
class JweSettingsTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);
    private static final char[] STORE_PASSWORD = "p12-secret-7".toCharArray();

    @TempDir
    Path dir;

    private static void assertConfigurationError(Runnable action, String setting, String... messageParts) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.setting()).isEqualTo(setting);
            assertThat(e.getMessage()).startsWith(setting + ": ").contains(messageParts);
        });
    }

    // --- sources and layering -------------------------------------------------------------

    @Test
    void addWhenUnknownJweKeyThenFailsNamingItAndOrigin() {
        assertConfigurationError(() -> JweSettings.builder().add("init-param", Map.of("jwe.isuer", "x")),
                "jwe.isuer", "unknown", "init-param");
    }

    @Test
    void addWhenKeyOutsideJweNamespaceThenIgnored() {
        JweSettings s = JweSettings.of(Map.of("server.port", "8080", "jwe", "x", "JWE.issuer", "y",
                "jwe.issuer", "https://a"));
        assertThat(s.get("jwe.issuer")).contains("https://a");
        assertThat(s.describe()).doesNotContain("8080");
    }

    @Test
    void getWhenNameIsNotASettingThenFails() {
        assertThatThrownBy(() -> JweSettings.of(Map.of()).get("jwe.nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwe.nope");
    }

    @Test
    void buildWhenSeveralSourcesThenFirstSourceWins() {
        JweSettings s = JweSettings.builder()
                .add("init-param", Map.of("jwe.issuer", "https://first", "jwe.realm", " "))
                .add("application", Map.of("jwe.issuer", "https://second", "jwe.audience", "api", "jwe.realm", "shop"))
                .addEnvironment(Map.of("JWE_AUDIENCE", "env-api", "JWE_CLOCK_SKEW", "PT10S"))
                .build();

        assertThat(s.get("jwe.issuer")).contains("https://first");
        assertThat(s.get("jwe.audience")).contains("api");
        assertThat(s.get("jwe.realm")).as("a blank value counts as unset").contains("shop");
        assertThat(s.getDuration("jwe.clock-skew")).contains(Duration.ofSeconds(10));
        assertThat(s.describe()).contains("jwe.issuer=https://first (init-param)", "jwe.audience=api (application)",
                "jwe.clock-skew=PT10S (environment)");
    }

    @Test
    void addEnvironmentWhenVariablesUseEnvironmentNamesThenFound() {
        Map<String, String> env = Map.of("JWE_DECRYPTION_KEYS", "/etc/jwe/keys.jwks",
                "JWE_MAX_TOKEN_LENGTH", "4096", "JWE_SIGNATURE_REQUIRED", "false", "jwe.issuer", "not-read",
                "JWE_BOGUS", "ignored");
        JweSettings s = JweSettings.builder().addEnvironment(env).build();

        assertThat(s.get("jwe.decryption.keys")).contains("/etc/jwe/keys.jwks");
        assertThat(s.getInt("jwe.max-token-length")).contains(4096);
        assertThat(s.getBoolean("jwe.signature.required")).isFalse();
        assertThat(s.get("jwe.issuer")).isEmpty();
    }

    @Test
    void environmentNameWhenAnyKnownSettingThenUpperCaseUnderscoresAndUnique() {
        assertThat(JweSettings.environmentName("jwe.decryption.keys")).isEqualTo("JWE_DECRYPTION_KEYS");
        assertThat(JweSettings.environmentName("jwe.max-token-length")).isEqualTo("JWE_MAX_TOKEN_LENGTH");
        Set<String> names = JweSettings.knownSettings().stream().map(x -> JweSettings.environmentName(x.name()))
                .collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(JweSettings.knownSettings()).allMatch(n -> n.matches("JWE_[A-Z_]+"));
    }

    @Test
    void buildWhenConfigFileThenItIsTheLowestLayer() throws Exception {
        Path file = Files.writeString(dir.resolve("jwe.properties"),
                "jwe.issuer=https://from-file\njwe.audience=file-api\n# comment\nother.key=ignored\n");
        JweSettings s = JweSettings.builder().add("init-param", Map.of("jwe.issuer", "https://init"))
                .addEnvironment(Map.of("JWE_CONFIG", file.toString())).build();

        assertThat(s.get("jwe.issuer")).contains("https://init");
        assertThat(s.get("jwe.audience")).contains("file-api");
        assertThat(s.describe()).contains("jwe.audience=file-api (file " + file + ")");
    }

    @Test
    void buildWhenConfigFileHasUnknownKeyThenFailsNamingKeyAndFile() throws Exception {
        Path file = Files.writeString(dir.resolve("jwe.properties"), "jwe.audience=a\njwe.audiences=b\n");
        assertConfigurationError(() -> JweSettings.of(Map.of("jwe.config", file.toString())), "jwe.audiences",
                "unknown", file.toString());
    }

    @Test
    void buildWhenConfigFileMissingOrUnreadableThenFailsNamingJweConfig() {
        Path missing = dir.resolve("missing.properties");
        assertConfigurationError(() -> JweSettings.of(Map.of("jwe.config", missing.toString())), "jwe.config",
                missing.toString());
        assertConfigurationError(() -> JweSettings.of(Map.of("jwe.config", dir.toString())), "jwe.config",
                "cannot read");
    }

    @Test
    void buildWhenConfigFileNamesAnotherConfigFileThenFails() throws Exception {
        Path file = Files.writeString(dir.resolve("jwe.properties"), "jwe.config=/etc/other.properties\n");
        assertConfigurationError(() -> JweSettings.of(Map.of("jwe.config", file.toString())), "jwe.config",
                "another");
    }

    // --- values ---------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "jwe.clock-skew, 30 seconds",
        "jwe.max-lifetime, 1h",
        "jwe.max-token-length, 16k",
        "jwe.max-token-length, 99999999999",
        "jwe.ignore-issuer, yes",
        "jwe.ignore-audience, 1",
        "jwe.signature.required, maybe"})
    void toValidatorBuilderWhenValueMalformedThenFailsNamingSettingWithoutEchoingValue(String setting, String value) {
        JweSettings s = JweSettings.of(Map.of(setting, value));
        assertConfigurationError(s::toValidatorBuilder, setting, "expected");
        assertThatThrownBy(s::toValidatorBuilder).message().doesNotContain(value);
    }

    @Test
    void getListWhenCommaSeparatedThenTrimmedWithoutEmpties() {
        JweSettings s = JweSettings.of(Map.of("jwe.issuer", " https://a ,, https://b,"));
        assertThat(s.getList("jwe.issuer")).containsExactly("https://a", "https://b");
        assertThat(s.getList("jwe.audience")).isEmpty();
    }

    @Test
    void getBooleanWhenUnsetThenDefault() {
        JweSettings s = JweSettings.of(Map.of("jwe.anonymous", "TRUE"));
        assertThat(s.getBoolean("jwe.signature.required")).isTrue();
        assertThat(s.getBoolean("jwe.ignore-issuer")).isFalse();
        assertThat(s.getBoolean("jwe.anonymous")).isTrue();
    }

    @Test
    void describeWhenSecretsAndInlineKeysThenMasked() {
        String inline = TestTokens.privateJwks(ENC);
        JweSettings s = JweSettings.builder().add("init-param", Map.of("jwe.decryption.keystore-password", "hunter2",
                "jwe.verification.keystore-password", "swordfish", "jwe.decryption.keys", inline,
                "jwe.issuer", "https://a")).build();

        assertThat(s.describe()).contains("jwe.decryption.keystore-password=******",
                "jwe.verification.keystore-password=******", "jwe.decryption.keys=(inline JSON)",
                "jwe.issuer=https://a (init-param)")
                .doesNotContain("hunter2").doesNotContain("swordfish").doesNotContain("\"d\"");
        assertThat(s.toString()).doesNotContain("hunter2");
        // jwe.revocation.jcache.properties, secret too, is jwe-jcache's (see JCacheSettingsTest).
        assertThat(JweSettings.knownSettings()).filteredOn(Setting::isSecret).extracting(Setting::name)
                .containsExactlyInAnyOrder("jwe.decryption.keystore-password", "jwe.verification.keystore-password",
                        "jwe.dpop.nonce.key");
    }

    // --- keys through settings -----------------------------------------------------------

    @Test
    void toValidatorBuilderWhenDecryptionKeysUnreadableThenFailsNamingSetting() {
        Path missing = dir.resolve("nope.jwks");
        assertConfigurationError(JweSettings.of(Map.of("jwe.decryption.keys", missing.toString()))::toValidatorBuilder,
                "jwe.decryption.keys", missing.toString());
        assertConfigurationError(JweSettings.of(Map.of("jwe.verification.keys", missing.toString()))::toValidatorBuilder,
                "jwe.verification.keys", missing.toString());
    }

    @Test
    void buildValidatorWhenPkcs12KeyStoresWithPasswordsThenTokenAccepted() throws Exception {
        Path dec = TestCertificates.pkcs12(dir.resolve("dec.p12"), STORE_PASSWORD, List.of(ENC), List.of());
        Path ver = TestCertificates.pkcs12(dir.resolve("ver.p12"), "other-pass".toCharArray(), List.of(SIG), List.of());
        JweTokenValidator v = JweSettings.of(Map.of("jwe.decryption.keys", dec.toString(),
                        "jwe.decryption.keystore-password", new String(STORE_PASSWORD),
                        "jwe.verification.keys", ver.toString(), "jwe.verification.keystore-password", "other-pass",
                        "jwe.issuer", TestKeys.ISSUER, "jwe.audience", TestKeys.AUDIENCE))
                .toValidatorBuilder().clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build();

        assertThat(v.validate(TestTokens.issue(ENC, "RSA-OAEP-256", "A256GCM", SIG, "RS256")).subject())
                .contains("alice");
    }

    @Test
    void toValidatorBuilderWhenKeyStorePasswordWrongThenFailsWithoutEchoingIt() {
        Path dec = TestCertificates.pkcs12(dir.resolve("dec.p12"), STORE_PASSWORD, List.of(ENC), List.of());
        JweSettings s = JweSettings.of(Map.of("jwe.decryption.keys", dec.toString(),
                "jwe.decryption.keystore-password", "guess-123"));
        assertConfigurationError(s::toValidatorBuilder, "jwe.decryption.keys", dec.toString());
        assertThatThrownBy(s::toValidatorBuilder).message().doesNotContain("guess-123")
                .doesNotContain(new String(STORE_PASSWORD));
    }

    @Test
    void toValidatorBuilderWhenKeyStorePasswordMissingThenNamesThePasswordSettingOfThatStore() {
        Path store = TestCertificates.pkcs12(dir.resolve("keys.p12"), STORE_PASSWORD, List.of(ENC), List.of());
        assertConfigurationError(JweSettings.of(Map.of("jwe.decryption.keys", store.toString()))::toValidatorBuilder,
                "jwe.decryption.keys", "jwe.decryption.keystore-password");
        Throwable verification = org.assertj.core.api.Assertions.catchThrowable(
                JweSettings.of(Map.of("jwe.verification.keys", store.toString()))::toValidatorBuilder);
        assertThat(verification).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.setting()).isEqualTo("jwe.verification.keys");
            assertThat(e.getMessage()).contains("jwe.verification.keystore-password")
                    .doesNotContain("jwe.decryption.keystore-password");
        });
    }

    // --- a complete configuration ---------------------------------------------------------

    private static Map<String, String> fullSettings() {
        Map<String, String> m = new HashMap<>();
        m.put("jwe.decryption.keys", TestTokens.privateJwks(ENC));
        m.put("jwe.verification.keys", KeySet.of(List.of(SIG)).toPublicJwks("sig"));
        m.put("jwe.issuer", "https://a.test, https://b.test");
        m.put("jwe.audience", "api://orders,api://other");
        m.put("jwe.key-management-algorithms", "RSA-OAEP-256");
        m.put("jwe.content-encryption-algorithms", "A256GCM, A128CBC-HS256");
        m.put("jwe.signature-algorithms", "PS256");
        m.put("jwe.clock-skew", "PT10S");
        m.put("jwe.max-token-length", "4096");
        m.put("jwe.max-lifetime", "PT15M");
        m.put("jwe.required-claims", "jti, email");
        m.put("jwe.token-type", "at+jwt");
        m.put("jwe.principal-claim", "email");
        m.put("jwe.roles-claim", "realm_access.roles");
        m.put("jwe.scope-claim", "scp");
        m.put("jwe.realm", "orders");
        return m;
    }

    private static String token(TokenIssuer.ClaimsBuilder claims, String enc, String sigAlg, String type) {
        TokenIssuer.Builder b = TokenIssuer.builder().encryptionKey(ENC).contentEncryptionAlgorithm(enc)
                .signingKey(SIG).signatureAlgorithm(sigAlg);
        if (type != null) {
            b.type(type);
        }
        return b.build().issue(claims.build());
    }

    private static TokenIssuer.ClaimsBuilder claims() {
        return TokenIssuer.claims(TestKeys.CLOCK).issuer("https://b.test").audience("api://orders").subject("u-1")
                .expiresIn(Duration.ofMinutes(10)).claim("email", "alice@example.test")
                .claim("realm_access", Map.of("roles", List.of("clerk"))).claim("scp", List.of("orders:read"));
    }

    @Test
    void buildValidatorWhenFullSettingsThenPolicyMatchesAndTokenAccepted() throws Exception {
        JweTokenValidator v = JweSettings.of(fullSettings()).toValidatorBuilder().clock(TestKeys.CLOCK)
                .auditListener(AuditListener.NOOP).build();

        VerifiedToken t = v.validate(token(claims(), "A256GCM", "PS256", "at+jwt"));

        assertThat(t.principalName()).isEqualTo("alice@example.test");
        assertThat(t.roles()).containsExactly("clerk");
        assertThat(t.scopes()).containsExactly("orders:read");
        assertThat(v.describePolicy()).contains("key-management=[RSA-OAEP-256]",
                "content-encryption=[A128CBC-HS256, A256GCM]", "signature=[PS256]", "issuer=[https://a.test, https://b.test]",
                "audience=[api://orders, api://other]", "clock-skew=PT10S", "max-token-length=4096",
                "max-lifetime=PT15M", "required-claims=[jti, email]", "token-type=at+jwt", "principal-claim=email",
                "roles-claim=realm_access.roles", "scope-claim=scp");
    }

    @Test
    void buildValidatorWhenFullSettingsThenEachSettingIsEnforced() throws Exception {
        JweTokenValidator v = JweSettings.of(fullSettings()).toValidatorBuilder().clock(TestKeys.CLOCK)
                .auditListener(AuditListener.NOOP).build();
        long now = TestKeys.NOW.getEpochSecond();

        assertThat(rejection(v, token(claims().issuer("https://c.test"), "A256GCM", "PS256", "at+jwt")))
                .isEqualTo(Reason.INVALID_ISSUER);
        assertThat(rejection(v, token(claims().audience("api://x"), "A256GCM", "PS256", "at+jwt")))
                .isEqualTo(Reason.INVALID_AUDIENCE);
        assertThat(rejection(v, token(claims(), "A128GCM", "PS256", "at+jwt"))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(rejection(v, token(claims(), "A256GCM", "RS256", "at+jwt"))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(rejection(v, token(claims(), "A256GCM", "PS256", null))).isEqualTo(Reason.INVALID_TYPE);
        assertThat(rejection(v, token(claims().without("email"), "A256GCM", "PS256", "at+jwt")))
                .isEqualTo(Reason.MISSING_CLAIM);
        assertThat(rejection(v, token(claims().claim("exp", now + 16 * 60), "A256GCM", "PS256", "at+jwt")))
                .isEqualTo(Reason.LIFETIME_TOO_LONG);
        assertThat(rejection(v, token(claims().claim("exp", now - 10), "A256GCM", "PS256", "at+jwt")))
                .as("skew PT10S").isEqualTo(Reason.EXPIRED);
        assertThat(rejection(v, token(claims().claim("big", "x".repeat(4000)), "A256GCM", "PS256", "at+jwt")))
                .isEqualTo(Reason.TOKEN_TOO_LARGE);
        assertThat(v.validate(token(claims().claim("exp", now - 9), "A256GCM", "PS256", "at+jwt"))).isNotNull();
    }

    @Test
    void buildValidatorWhenUnsignedAllowedWithSymmetricKeysThenUnsignedTokenAccepted() throws Exception {
        KeyEntry oct = TestKeys.oct("oct-1", 32);
        JweTokenValidator v = JweSettings.of(Map.of("jwe.decryption.keys", TestTokens.privateJwks(oct),
                        "jwe.signature.required", "false", "jwe.ignore-issuer", "true", "jwe.audience", TestKeys.AUDIENCE))
                .toValidatorBuilder().clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build();
        String token = TokenIssuer.builder().encryptionKey(oct).unsigned().build().issue(TestKeys.claims());

        assertThat(v.validate(token).metadata().signatureAlgorithm()).isNull();
        assertThat(v.describePolicy()).contains("issuer=IGNORED");
    }

    @Test
    void buildValidatorWhenIssuerAndIgnoreIssuerBothSetThenFailsNamingIssuer() {
        Map<String, String> m = fullSettings();
        m.put("jwe.ignore-issuer", "true");
        assertConfigurationError(JweSettings.of(m)::buildValidator, "jwe.issuer", "jwe.ignore-issuer");
    }

    // --- typed reads, declared defaults, modules ------------------------------------------

    @Test
    void getWhenTypedSettingThenValueOrDeclaredDefault() {
        JweSettings s = JweSettings.of(Map.of("jwe.clock-skew", "PT10S", "jwe.issuer", "https://a, https://b",
                "jwe.anonymous", "true"));

        assertThat(s.get(CoreSettings.CLOCK_SKEW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.find(CoreSettings.CLOCK_SKEW)).contains(Duration.ofSeconds(10));
        assertThat(s.get(CoreSettings.CACHE_MAX_TTL)).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.find(CoreSettings.CACHE_MAX_TTL)).isEmpty();
        assertThat(s.get(CoreSettings.MAX_TOKEN_LENGTH)).isEqualTo(16384);
        assertThat(s.get(CoreSettings.ISSUER)).containsExactly("https://a", "https://b");
        assertThat(s.get(CoreSettings.AUDIENCE)).as("unset list").isEmpty();
        assertThat(s.get(CoreSettings.TOKEN_TYPE)).as("no default").isNull();
        assertThat(s.get(AdapterSettings.REALM)).isEqualTo("api");
        assertThat(s.get(AdapterSettings.ANONYMOUS)).isTrue();
        assertThat(s.get(AdapterSettings.ALLOW_PREFLIGHT)).isFalse();
    }

    @Test
    void getWhenTypedValueMalformedThenFailsNamingSettingWithoutEchoingValue() {
        JweSettings s = JweSettings.of(Map.of("jwe.cache.max-ttl", "five-minutes", "jwe.anonymous", "sure"));
        assertConfigurationError(() -> s.get(CoreSettings.CACHE_MAX_TTL), "jwe.cache.max-ttl", "ISO-8601");
        assertConfigurationError(() -> s.get(AdapterSettings.ANONYMOUS), "jwe.anonymous", "true or false");
        assertThatThrownBy(() -> s.get(CoreSettings.CACHE_MAX_TTL)).message().doesNotContain("five-minutes");
    }

    @Test
    void addWhenKeyOfAModuleNotOnTheClassPathThenFailsNamingTheModule() {
        assertConfigurationError(() -> JweSettings.builder().add("init-param", Map.of("jwe.exclude-paths", "/x")),
                "jwe.exclude-paths",
                "unknown setting (from init-param; it belongs to jwe-servlet, which is not on the class path)");
        assertConfigurationError(() -> JweSettings.of(Map.of("jwe.revocation.cache-name", "c")),
                "jwe.revocation.cache-name", "it belongs to jwe-jcache, which is not on the class path");
    }

    @Test
    void getWhenKeyOfAModuleNotOnTheClassPathThenUnsetRatherThanUnknown() {
        JweSettings s = JweSettings.builder().addEnvironment(Map.of("JWE_EXCLUDE_PATHS", "/x")).build();
        assertThat(s.get("jwe.exclude-paths")).as("the module's variable is not read without it").isEmpty();
        assertThat(s.getList("jwe.replay.paths")).isEmpty();
    }

    @Test
    void decryptionKeysWhenUnsetThenEmpty() {
        assertThat(JweSettings.of(Map.of()).decryptionKeys()).isEmpty();
        assertThat(JweSettings.of(Map.of()).verificationKeys()).isEmpty();
    }

    @Test
    void decryptionKeysWhenKeyFileSetThenReloadingSourceOfThatFile() throws Exception {
        Path file = Files.writeString(dir.resolve("enc.jwks"), TestTokens.privateJwks(ENC));
        KeySource keys = JweSettings.of(Map.of("jwe.decryption.keys", file.toString())).decryptionKeys().orElseThrow();

        assertThat(keys.keys().keyIds()).containsExactly("enc-1");
        assertThat(keys.health()).singleElement().satisfies(h -> {
            assertThat(h.location()).isEqualTo(file.toString());
            assertThat(h.lastSuccess()).as("a reloading file source records its loads").isNotNull();
        });
    }

    @Test
    void decryptionKeysWhenReloadIntervalOutOfBoundsThenFailsNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("enc.jwks"), TestTokens.privateJwks(ENC));
        assertConfigurationError(JweSettings.of(Map.of("jwe.decryption.keys", file.toString(),
                "jwe.keys.reload-interval", "-PT1S"))::decryptionKeys, "jwe.keys.reload-interval", "negative");
        assertConfigurationError(JweSettings.of(Map.of("jwe.verification.keys", file.toString(),
                        "jwe.verification.refresh", "PT10S"))::verificationKeys, "jwe.verification.refresh",
                "at least jwe.verification.min-refresh-interval");
    }
}
