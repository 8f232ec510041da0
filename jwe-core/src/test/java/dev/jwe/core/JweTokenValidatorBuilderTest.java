package dev.jwe.core;

import static dev.jwe.core.TestTokens.issue;
import static dev.jwe.core.TestTokens.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every guard of {@link JweTokenValidator.Builder}, and the allow-lists it derives from the keys. */
class JweTokenValidatorBuilderTest {
    private static final KeyEntry RSA = TestKeys.rsa("enc-rsa", 2048);
    private static final KeyEntry RSA_1024 = TestKeys.rsa("weak", 1024);
    private static final KeyEntry EC = TestKeys.ec("enc-ec", "P-256");
    private static final KeyEntry SIG = TestKeys.rsa("sig-rsa", 2048);
    private static final KeyEntry SIG_P256 = TestKeys.ec("sig-p256", "P-256");
    private static final KeyEntry SIG_P384 = TestKeys.ec("sig-p384", "P-384");
    private static final KeyEntry SIG_ED = TestKeys.ed25519("sig-ed");
    private static final KeyEntry OCT_16 = TestKeys.oct("oct-16", 16);
    private static final KeyEntry OCT_24 = TestKeys.oct("oct-24", 24);
    private static final KeyEntry OCT_32 = TestKeys.oct("oct-32", 32);
    private static final KeyEntry OCT_48 = TestKeys.oct("oct-48", 48);
    private static final KeyEntry OCT_64 = TestKeys.oct("oct-64", 64);

    /** A builder that builds: RSA decryption key, RSA verification key, issuer, audience. */
    private static JweTokenValidator.Builder valid() {
        return TestTokens.validator(KeySource.of(RSA), KeySource.of(TestKeys.publicOnly(SIG)));
    }

    private static void assertConfigurationError(JweTokenValidator.Builder builder, String setting,
            String... messageParts) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.setting()).isEqualTo(setting);
            assertThat(e.getMessage()).startsWith(setting + ": ").contains(messageParts);
        });
    }

    @Test
    void buildWhenEverythingRequiredIsSetThenValidatorAcceptsToken() throws Exception {
        JweTokenValidator v = valid().build();
        assertThat(v.validate(issue(RSA, "RSA-OAEP-256", "A256GCM", SIG, "RS256")).subject()).contains("alice");
    }

    // --- setters reject null at once -------------------------------------------------------

    static Stream<Arguments> nullSetters() {
        return Stream.of(
                arguments("decryptionKeys", (Consumer<JweTokenValidator.Builder>) b -> b.decryptionKeys(null)),
                arguments("verificationKeys", (Consumer<JweTokenValidator.Builder>) b -> b.verificationKeys(null)),
                arguments("keyManagementAlgorithms",
                        (Consumer<JweTokenValidator.Builder>) b -> b.keyManagementAlgorithms(null)),
                arguments("keyManagementAlgorithms",
                        (Consumer<JweTokenValidator.Builder>) b -> b.keyManagementAlgorithms(Arrays.asList("A128KW", null))),
                arguments("contentEncryptionAlgorithms",
                        (Consumer<JweTokenValidator.Builder>) b -> b.contentEncryptionAlgorithms(null)),
                arguments("contentEncryptionAlgorithms",
                        (Consumer<JweTokenValidator.Builder>) b -> b.contentEncryptionAlgorithms(Arrays.asList((String) null))),
                arguments("signatureAlgorithms", (Consumer<JweTokenValidator.Builder>) b -> b.signatureAlgorithms(null)),
                arguments("signatureAlgorithms",
                        (Consumer<JweTokenValidator.Builder>) b -> b.signatureAlgorithms(Arrays.asList((String) null))),
                arguments("issuers", (Consumer<JweTokenValidator.Builder>) b -> b.issuers(null)),
                arguments("issuers", (Consumer<JweTokenValidator.Builder>) b -> b.issuer((String) null)),
                arguments("issuers", (Consumer<JweTokenValidator.Builder>) b -> b.issuer((String[]) null)),
                arguments("audiences", (Consumer<JweTokenValidator.Builder>) b -> b.audiences(null)),
                arguments("audiences", (Consumer<JweTokenValidator.Builder>) b -> b.audience((String) null)),
                arguments("audiences", (Consumer<JweTokenValidator.Builder>) b -> b.audience((String[]) null)),
                arguments("clockSkew", (Consumer<JweTokenValidator.Builder>) b -> b.clockSkew(null)),
                arguments("maxLifetime", (Consumer<JweTokenValidator.Builder>) b -> b.maxLifetime(null)),
                arguments("requiredClaims", (Consumer<JweTokenValidator.Builder>) b -> b.requiredClaims(null)),
                arguments("requiredClaims",
                        (Consumer<JweTokenValidator.Builder>) b -> b.requiredClaims(Arrays.asList("jti", null))),
                arguments("tokenType", (Consumer<JweTokenValidator.Builder>) b -> b.tokenType(null)),
                arguments("principalClaim", (Consumer<JweTokenValidator.Builder>) b -> b.principalClaim(null)),
                arguments("rolesClaim", (Consumer<JweTokenValidator.Builder>) b -> b.rolesClaim(null)),
                arguments("scopeClaim", (Consumer<JweTokenValidator.Builder>) b -> b.scopeClaim(null)),
                arguments("clock", (Consumer<JweTokenValidator.Builder>) b -> b.clock(null)),
                arguments("auditListener", (Consumer<JweTokenValidator.Builder>) b -> b.auditListener(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullSetters")
    void setterWhenNullThenFailsAtOnceNamingTheOption(String option, Consumer<JweTokenValidator.Builder> setter) {
        assertThatThrownBy(() -> setter.accept(JweTokenValidator.builder()))
                .isInstanceOf(NullPointerException.class).hasMessage(option);
    }

    // --- decryption keys ------------------------------------------------------------------

    @Test
    void buildWhenDecryptionKeysMissingThenNamesSetting() {
        assertConfigurationError(JweTokenValidator.builder().verificationKeys(KeySource.of(SIG))
                .issuer("i").audience("a"), "jwe.decryption.keys", "required");
    }

    @Test
    void buildWhenDecryptionKeySetEmptyThenNamesSetting() {
        assertConfigurationError(valid().decryptionKeys(KeySource.of(KeySet.empty())), "jwe.decryption.keys",
                "no keys");
    }

    @Test
    void buildWhenDecryptionKeySourceReturnsNullThenNamesSetting() {
        assertConfigurationError(valid().decryptionKeys(() -> null), "jwe.decryption.keys", "no key set");
    }

    @Test
    void buildWhenDecryptionKeySourceFailsThenNamesSettingAndKeepsCause() {
        KeySourceException failure = new KeySourceException("Key file not found: file /nowhere.jwks");
        assertThatThrownBy(valid().decryptionKeys(() -> {
            throw failure;
        })::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.setting()).isEqualTo("jwe.decryption.keys");
            assertThat(e.getMessage()).contains("/nowhere.jwks");
            assertThat(e.getCause()).isSameAs(failure);
        });
    }

    @Test
    void buildWhenDecryptionKeyIsPublicThenNamesSettingAndKid() {
        assertConfigurationError(valid().decryptionKeys(KeySource.of(TestKeys.publicOnly(RSA))), "jwe.decryption.keys",
                "enc-rsa", "public key");
    }

    @Test
    void buildWhenDecryptionRsaKeyUnder2048BitsThenNamesSettingAndSize() {
        assertConfigurationError(valid().decryptionKeys(KeySource.of(RSA_1024)), "jwe.decryption.keys",
                "weak", "1024 bits", "2048");
    }

    @Test
    void buildWhenDecryptionSymmetricKeyUnder128BitsThenNamesSetting() {
        assertConfigurationError(valid().decryptionKeys(KeySource.of(TestKeys.oct("short", 8))),
                "jwe.decryption.keys", "short", "128 bits");
    }

    @Test
    void buildWhenNoDecryptionKeyFitsAnyAlgorithmThenNamesKeyManagementSetting() {
        // 20 bytes: long enough, but no AES key wrap or dir algorithm has that key size
        assertConfigurationError(valid().decryptionKeys(KeySource.of(TestKeys.oct("odd", 20))),
                "jwe.key-management-algorithms", "no decryption key fits");
    }

    // --- verification keys ----------------------------------------------------------------

    @Test
    void buildWhenVerificationRsaKeyUnder2048BitsThenNamesSetting() {
        assertConfigurationError(valid().verificationKeys(KeySource.of(TestKeys.publicOnly(RSA_1024))),
                "jwe.verification.keys", "weak", "1024 bits");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 31})
    void buildWhenVerificationSymmetricKeyUnder256BitsThenNamesSetting(int bytes) {
        assertConfigurationError(valid().verificationKeys(KeySource.of(TestKeys.oct("hmac", bytes))),
                "jwe.verification.keys", "hmac", "shorter than");
    }

    @Test
    void buildWhenVerificationKeySourceFailsThenNamesVerificationSetting() {
        assertConfigurationError(valid().verificationKeys(() -> {
            throw new KeySourceException("Key file not found: file /nowhere.pem");
        }), "jwe.verification.keys", "/nowhere.pem");
    }

    @Test
    void buildWhenRsaDecryptionWithoutVerificationKeysThenNamesVerificationSetting() {
        assertConfigurationError(TestTokens.validator(KeySource.of(RSA), null), "jwe.verification.keys", "required");
    }

    @Test
    void buildWhenEcDecryptionWithoutVerificationKeysEvenIfUnsignedAllowedThenNamesVerificationSetting() {
        assertConfigurationError(TestTokens.validator(KeySource.of(EC), null).allowUnsignedWithSymmetricKeyManagement(),
                "jwe.verification.keys", "required", "ECDH-ES");
    }

    @Test
    void buildWhenRsaDecryptionWithoutVerificationKeysEvenIfUnsignedAllowedThenNamesVerificationSetting() {
        assertConfigurationError(TestTokens.validator(KeySource.of(RSA), null).allowUnsignedWithSymmetricKeyManagement(),
                "jwe.verification.keys", "required", "RSA-OAEP");
    }

    @Test
    void buildWhenSignatureAlgorithmsListedButNoVerificationKeysThenNamesVerificationSetting() {
        assertConfigurationError(TestTokens.validator(KeySource.of(RSA), null).signatureAlgorithms(List.of("RS256")),
                "jwe.verification.keys", "required");
    }

    @Test
    void buildWhenSymmetricDecryptionWithoutVerificationKeysThenNamesVerificationSetting() {
        assertConfigurationError(TestTokens.validator(KeySource.of(OCT_32), null), "jwe.verification.keys",
                "jwe.signature.required=false");
    }

    @Test
    void buildWhenSymmetricDecryptionWithoutVerificationKeysAndUnsignedAllowedThenAcceptsUnsignedToken()
            throws Exception {
        JweTokenValidator v = TestTokens.validator(KeySource.of(OCT_32), null)
                .allowUnsignedWithSymmetricKeyManagement().build();
        String token = TokenIssuer.builder().encryptionKey(OCT_32).unsigned().build().issue(TestKeys.claims());
        assertThat(v.validate(token).metadata().signatureAlgorithm()).isNull();
    }

    // --- algorithm lists ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"RSA1_5", "PBES2-HS256+A128KW", "PBES2-HS512+A256KW", "none", "NONE"})
    void buildWhenRefusedKeyManagementListedThenNamesSetting(String alg) {
        assertConfigurationError(valid().keyManagementAlgorithms(List.of("RSA-OAEP-256", alg)),
                "jwe.key-management-algorithms", alg, "refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A512KW", "ECDH-1PU", "rsa-oaep-256"})
    void buildWhenUnsupportedKeyManagementListedThenNamesSetting(String alg) {
        assertConfigurationError(valid().keyManagementAlgorithms(List.of(alg)), "jwe.key-management-algorithms",
                "unsupported", alg);
    }

    @Test
    void buildWhenKeyManagementListEmptyThenNamesSetting() {
        assertConfigurationError(valid().keyManagementAlgorithms(List.of(" ")), "jwe.key-management-algorithms",
                "none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A512GCM", "A128CBC", "a256gcm", "none"})
    void buildWhenUnsupportedContentEncryptionListedThenNamesSetting(String enc) {
        assertConfigurationError(valid().contentEncryptionAlgorithms(List.of("A256GCM", enc)),
                "jwe.content-encryption-algorithms", "unsupported", enc);
    }

    @Test
    void buildWhenContentEncryptionListEmptyThenNamesSetting() {
        assertConfigurationError(valid().contentEncryptionAlgorithms(List.of()), "jwe.content-encryption-algorithms",
                "empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "RSA1_5", "PBES2-HS256+A128KW"})
    void buildWhenRefusedSignatureListedThenNamesSetting(String alg) {
        assertConfigurationError(valid().signatureAlgorithms(List.of("RS256", alg)), "jwe.signature-algorithms",
                alg, "refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256K", "Ed25519", "rs256", "HS1"})
    void buildWhenUnsupportedSignatureListedThenNamesSetting(String alg) {
        assertConfigurationError(valid().signatureAlgorithms(List.of(alg)), "jwe.signature-algorithms",
                "unsupported", alg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void buildWhenHmacListedWithoutSymmetricVerificationKeyThenNamesSetting(String alg) {
        assertConfigurationError(valid().signatureAlgorithms(List.of("RS256", alg)), "jwe.signature-algorithms",
                alg, "symmetric verification key");
    }

    // --- issuer and audience --------------------------------------------------------------

    @Test
    void buildWhenIssuerMissingThenNamesSetting() {
        assertConfigurationError(JweTokenValidator.builder().decryptionKeys(KeySource.of(RSA))
                .verificationKeys(KeySource.of(SIG)).audience("a"), "jwe.issuer", "required", "jwe.ignore-issuer");
    }

    @Test
    void buildWhenIssuerListBlankThenNamesSetting() {
        assertConfigurationError(valid().issuers(List.of(" ", "")), "jwe.issuer", "required");
    }

    @Test
    void buildWhenIssuerAndIgnoreIssuerThenNamesConflict() {
        assertConfigurationError(valid().ignoreIssuer(), "jwe.issuer", "jwe.ignore-issuer", "choose one");
    }

    @Test
    void buildWhenAudienceMissingThenNamesSetting() {
        assertConfigurationError(JweTokenValidator.builder().decryptionKeys(KeySource.of(RSA))
                .verificationKeys(KeySource.of(SIG)).issuer("i"), "jwe.audience", "required", "jwe.ignore-audience");
    }

    @Test
    void buildWhenAudienceListEmptyThenNamesSetting() {
        assertConfigurationError(valid().audiences(List.of()), "jwe.audience", "required");
    }

    @Test
    void buildWhenAudienceAndIgnoreAudienceThenNamesConflict() {
        assertConfigurationError(valid().ignoreAudience(), "jwe.audience", "jwe.ignore-audience", "choose one");
    }

    @Test
    void buildWhenIssuerAndAudienceIgnoredOnPurposeThenAnyIssuerAndAudienceAccepted() throws Exception {
        JweTokenValidator v = JweTokenValidator.builder().decryptionKeys(KeySource.of(RSA))
                .verificationKeys(KeySource.of(SIG)).ignoreIssuer().ignoreAudience().clock(TestKeys.CLOCK)
                .auditListener(AuditListener.NOOP).build();
        String token = TokenIssuer.builder().encryptionKey(RSA).signingKey(SIG).build()
                .issue(TokenIssuer.claims(TestKeys.CLOCK).issuer("other").audience("elsewhere").subject("bob")
                        .expiresIn(Duration.ofMinutes(5)).build());
        assertThat(v.validate(token).subject()).contains("bob");
        assertThat(v.describePolicy()).contains("issuer=IGNORED", "audience=IGNORED");
    }

    // --- bounds ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"PT-1S", "PT5M1S", "PT1H", "-PT0.001S"})
    void buildWhenClockSkewOutOfBoundsThenNamesSetting(String skew) {
        assertConfigurationError(valid().clockSkew(Duration.parse(skew)), "jwe.clock-skew", "PT5M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT5M"})
    void buildWhenClockSkewAtBoundThenBuilds(String skew) {
        assertThat(valid().clockSkew(Duration.parse(skew)).build().describePolicy()).contains("clock-skew=" + skew);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 255, 1024 * 1024 + 1, Integer.MAX_VALUE})
    void buildWhenMaxTokenLengthOutOfBoundsThenNamesSetting(int length) {
        assertConfigurationError(valid().maxTokenLength(length), "jwe.max-token-length", "256", "1048576");
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 1024 * 1024})
    void buildWhenMaxTokenLengthAtBoundThenBuilds(int length) {
        assertThat(valid().maxTokenLength(length).build().describePolicy()).contains("max-token-length=" + length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S"})
    void buildWhenMaxLifetimeNotPositiveThenNamesSetting(String lifetime) {
        assertConfigurationError(valid().maxLifetime(Duration.parse(lifetime)), "jwe.max-lifetime", "positive");
    }

    @Test
    void buildWhenTokenTypeBlankThenNamesSetting() {
        assertConfigurationError(valid().tokenType(" "), "jwe.token-type", "blank");
    }

    static Stream<Arguments> blankClaimNames() {
        return Stream.of(
                arguments("jwe.principal-claim", (Consumer<JweTokenValidator.Builder>) b -> b.principalClaim("")),
                arguments("jwe.roles-claim", (Consumer<JweTokenValidator.Builder>) b -> b.rolesClaim(" ")),
                arguments("jwe.scope-claim", (Consumer<JweTokenValidator.Builder>) b -> b.scopeClaim("\t")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blankClaimNames")
    void buildWhenClaimNameBlankThenNamesSetting(String setting, Consumer<JweTokenValidator.Builder> setter) {
        JweTokenValidator.Builder b = valid();
        setter.accept(b);
        assertConfigurationError(b, setting, "blank");
    }

    // --- allow-lists derived from the keys, shown by what they accept and refuse ---------------

    @Test
    void buildWhenRsaKeyAndNoListThenOnlyRsaOaep256Accepted() throws Exception {
        JweTokenValidator v = valid().build();
        assertThat(v.validate(issue(RSA, "RSA-OAEP-256", "A128GCM", SIG, "RS256"))).isNotNull();
        assertThat(rejection(v, issue(RSA, "RSA-OAEP", "A128GCM", SIG, "RS256")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(rejection(v, issue(OCT_32, "A256KW", "A128GCM", SIG, "RS256")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(rejection(v, issue(EC, "ECDH-ES", "A128GCM", SIG, "RS256"))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void buildWhenRsaOaepListedThenRsaOaepAcceptedAndUnlistedRsaOaep256Refused() throws Exception {
        JweTokenValidator v = valid().keyManagementAlgorithms(List.of("RSA-OAEP")).build();
        assertThat(v.validate(issue(RSA, "RSA-OAEP", "A128GCM", SIG, "RS256"))).isNotNull();
        assertThat(rejection(v, issue(RSA, "RSA-OAEP-256", "A128GCM", SIG, "RS256")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void buildWhenEcKeyAndNoListThenOnlyEcdhEsFamilyAccepted() throws Exception {
        JweTokenValidator v = TestTokens.validator(KeySource.of(EC), KeySource.of(SIG)).build();
        for (String alg : List.of("ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW")) {
            assertThat(v.validate(issue(EC, alg, "A256GCM", SIG, "RS256")).metadata().keyManagementAlgorithm())
                    .isEqualTo(alg);
        }
        assertThat(rejection(v, issue(RSA, "RSA-OAEP-256", "A256GCM", SIG, "RS256")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(rejection(v, issue(OCT_32, "A256KW", "A256GCM", SIG, "RS256")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    static Stream<Arguments> octSizes() {
        return Stream.of(
                arguments(OCT_16, List.of("A128KW/A256GCM", "A128GCMKW/A256GCM", "dir/A128GCM"),
                        List.of("A192KW", "A256KW", "A256GCMKW")),
                arguments(OCT_24, List.of("A192KW/A128GCM", "A192GCMKW/A128GCM", "dir/A192GCM"),
                        List.of("A128KW", "A256KW", "A128GCMKW")),
                arguments(OCT_32, List.of("A256KW/A128GCM", "A256GCMKW/A128GCM", "dir/A256GCM", "dir/A128CBC-HS256"),
                        List.of("A128KW", "A192KW", "A192GCMKW")),
                arguments(OCT_48, List.of("dir/A192CBC-HS384"), List.of("A128KW", "A256KW", "A256GCMKW")),
                arguments(OCT_64, List.of("dir/A256CBC-HS512"), List.of("A128KW", "A256KW", "A256GCMKW")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("octSizes")
    void buildWhenSymmetricKeyAndNoListThenAlgorithmsOfItsSizeAccepted(KeyEntry key, List<String> accepted,
            List<String> refused) throws Exception {
        JweTokenValidator v = TestTokens.validator(KeySource.of(key), KeySource.of(SIG)).build();
        for (String pair : accepted) {
            String[] algEnc = pair.split("/");
            assertThat(v.validate(issue(key, algEnc[0], algEnc[1], SIG, "RS256")).metadata().keyManagementAlgorithm())
                    .isEqualTo(algEnc[0]);
        }
        for (String alg : refused) {
            KeyEntry other = TestKeys.oct(key.kid().orElseThrow(), alg.startsWith("A128") ? 16 : alg.startsWith("A192") ? 24 : 32);
            assertThat(rejection(v, issue(other, alg, "A256GCM", SIG, "RS256"))).as(alg)
                    .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        }
    }

    @Test
    void buildWhenContentEncryptionListedThenOthersRefused() throws Exception {
        JweTokenValidator v = valid().contentEncryptionAlgorithms(List.of("A256GCM")).build();
        assertThat(v.validate(issue(RSA, "RSA-OAEP-256", "A256GCM", SIG, "RS256"))).isNotNull();
        assertThat(rejection(v, issue(RSA, "RSA-OAEP-256", "A128CBC-HS256", SIG, "RS256")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    static Stream<Arguments> verificationKeyTypes() {
        return Stream.of(
                arguments(SIG, List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"), SIG_P256, "ES256"),
                arguments(SIG_P256, List.of("ES256"), SIG_P384, "ES384"),
                arguments(SIG_P384, List.of("ES384"), SIG_P256, "ES256"),
                arguments(SIG_ED, List.of("EdDSA"), SIG, "RS256"),
                arguments(OCT_32, List.of("HS256"), OCT_48, "HS384"),
                arguments(OCT_48, List.of("HS256", "HS384"), OCT_64, "HS512"),
                arguments(OCT_64, List.of("HS256", "HS384", "HS512"), SIG, "PS256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verificationKeyTypes")
    void buildWhenVerificationKeyAndNoSignatureListThenAlgorithmsOfItsTypeAccepted(KeyEntry key, List<String> accepted,
            KeyEntry otherSigner, String refused) throws Exception {
        KeySource verification = KeySource.of(key.isSymmetric() ? key : TestKeys.publicOnly(key));
        JweTokenValidator v = TestTokens.validator(KeySource.of(RSA), verification).build();
        for (String alg : accepted) {
            assertThat(v.validate(issue(RSA, "RSA-OAEP-256", "A256GCM", key, alg)).metadata().signatureAlgorithm())
                    .isEqualTo(alg);
        }
        assertThat(rejection(v, issue(RSA, "RSA-OAEP-256", "A256GCM", otherSigner, refused)))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void buildWhenSignatureListedThenUnlistedAlgorithmOfSameKeyRefused() throws Exception {
        JweTokenValidator v = valid().signatureAlgorithms(List.of("PS256")).build();
        assertThat(v.validate(issue(RSA, "RSA-OAEP-256", "A256GCM", SIG, "PS256"))).isNotNull();
        assertThat(rejection(v, issue(RSA, "RSA-OAEP-256", "A256GCM", SIG, "RS256")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }
}
