package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several issuers, each trusted only with its own keys, against a loopback identity provider
 * serving two issuers' key sets and metadata: issuer A ({@code /realms/a}) by OpenID Connect
 * discovery, issuer B ({@code /tenants/b}) by RFC 8414 metadata only.
 */
class IssuerTrustTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG_A = TestKeys.ec("a-1", "P-256");
    private static final KeyEntry SIG_B = TestKeys.ec("b-1", "P-256");

    private IssuerServer idp;
    private String issA;
    private String issB;
    private final CapturingAuditListener audit = new CapturingAuditListener();

    @BeforeEach
    void start() throws Exception {
        idp = new IssuerServer();
        issA = idp.issuer("/realms/a");
        issB = idp.issuer("/tenants/b");
        idp.keys("/realms/a", SIG_A).openIdConfiguration("/realms/a", issA);
        idp.keys("/tenants/b", SIG_B).authorizationServerMetadata("/tenants/b", issB);
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    /** The two issuers as a user writes them. */
    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("jwe.decryption.keys", TestTokens.privateJwks(ENC));
        s.put("jwe.issuers", "a,b");
        s.put("jwe.issuers.a.issuer", issA);
        s.put("jwe.issuers.a.audience", "orders-api");
        s.put("jwe.issuers.a.principal-claim", "preferred_username,sub");
        s.put("jwe.issuers.a.roles-claim", "realm_access.roles,resource_access.orders-api.roles");
        s.put("jwe.issuers.b.issuer", issB);
        s.put("jwe.issuers.b.audience", "partner-api");
        s.put("jwe.issuers.b.scope-claim", "scope,scp");
        s.put("jwe.cache.max-entries", "0");
        return s;
    }

    private JweTokenValidator validator(Map<String, String> settings) {
        return JweSettings.of(settings).toValidatorBuilder().clock(TestKeys.CLOCK).auditListener(audit).build();
    }

    private static String token(KeyEntry signer, Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(signer).build().issue(claims);
    }

    private Map<String, Object> claimsOfA() {
        return TokenIssuer.claims(TestKeys.CLOCK).issuer(issA).audience("orders-api").subject("0b5e-uuid")
                .claim("preferred_username", "alice")
                .claim("realm_access", Map.of("roles", List.of("user", "admin")))
                .claim("resource_access", Map.of("orders-api", Map.of("roles", List.of("admin", "orders-writer"))))
                .expiresIn(Duration.ofMinutes(10)).build();
    }

    private Map<String, Object> claimsOfB() {
        return TokenIssuer.claims(TestKeys.CLOCK).issuer(issB).audience("partner-api").subject("partner-svc")
                .claim("scp", "orders:read orders:write").scopes(List.of("orders:read"))
                .expiresIn(Duration.ofMinutes(10)).build();
    }

    @Test
    void validateWhenEachIssuerSignsItsOwnTokenThenAcceptedWithItsOwnAudienceAndClaimMapping() throws Exception {
        JweTokenValidator validator = validator(settings());

        VerifiedToken a = validator.validate(token(SIG_A, claimsOfA()));
        assertThat(a.principalName()).isEqualTo("alice");
        assertThat(a.roles()).containsExactly("user", "admin", "orders-writer");
        assertThat(a.issuer()).contains(issA);

        VerifiedToken b = validator.validate(token(SIG_B, claimsOfB()));
        assertThat(b.principalName()).isEqualTo("partner-svc");
        assertThat(b.scopes()).containsExactly("orders:read", "orders:write");
        assertThat(b.audiences()).containsExactly("partner-api");
    }

    @Test
    void validateWhenIssIsAButSignedWithBsKeyThenRejectedWithTheReasonNamed() {
        JweTokenValidator validator = validator(settings());

        // B's key under its own kid: A's key set has no such key.
        assertThat(TestTokens.rejection(validator, token(SIG_B, claimsOfA()))).isEqualTo(Reason.UNKNOWN_KEY);
        // B's key under A's kid: A's key does not verify it.
        KeyEntry bPosingAsA = TestTokens.withKid(SIG_B, "a-1");
        assertThat(TestTokens.rejection(validator, token(bPosingAsA, claimsOfA()))).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(audit.events()).extracting(AuditEvent::reason)
                .containsExactly(Reason.UNKNOWN_KEY, Reason.INVALID_SIGNATURE);
    }

    @Test
    void validateWhenPooledKeysThenAnotherIssuersKeyVerifiesTheToken() throws Exception {
        // The contrast: with jwe.issuer and one pooled key set, B's key verifies a token claiming A.
        JweTokenValidator pooled = TestTokens.validator(KeySource.of(ENC),
                KeySource.of(TestKeys.publicOnly(SIG_A), TestKeys.publicOnly(SIG_B)))
                .issuers(List.of(issA, issB)).audiences(List.of("orders-api")).build();
        assertThat(pooled.validate(token(SIG_B, claimsOfA())).issuer()).contains(issA);
    }

    @Test
    void validateWhenIssIsNotConfiguredThenInvalidIssuerBeforeAnyKeyLookup() {
        JweTokenValidator validator = validator(settings());
        int hitsAfterStart = idp.hits();
        Map<String, Object> claims = claimsOfA();
        claims.put("iss", "https://unknown.example");

        // An unknown kid would make a key set refresh: none happens, the iss is refused first.
        assertThat(TestTokens.rejection(validator, token(TestKeys.ec("unknown-1", "P-256"), claims)))
                .isEqualTo(Reason.INVALID_ISSUER);
        claims.remove("iss");
        assertThat(TestTokens.rejection(validator, token(SIG_A, claims))).isEqualTo(Reason.INVALID_ISSUER);
        assertThat(idp.hits()).isEqualTo(hitsAfterStart);
    }

    @Test
    void validateWhenTokenOfAHasTheAudienceOfBThenInvalidAudience() {
        JweTokenValidator validator = validator(settings());
        Map<String, Object> claims = claimsOfA();
        claims.put("aud", "partner-api");

        assertThat(TestTokens.rejection(validator, token(SIG_A, claims))).isEqualTo(Reason.INVALID_AUDIENCE);
    }

    @Test
    void keyHealthBySettingWhenTwoIssuersThenEachIssuersDiscoveredKeySetUnderItsSetting() {
        Map<String, List<KeySourceHealth>> health = validator(settings()).keyHealthBySetting();

        assertThat(health).containsOnlyKeys("jwe.decryption.keys", "jwe.issuers.a.verification.keys",
                "jwe.issuers.b.verification.keys");
        assertThat(health.get("jwe.issuers.a.verification.keys")).singleElement().satisfies(h -> {
            assertThat(h.location()).isEqualTo(idp.jwksUrl("/realms/a"));
            assertThat(h.keyIds()).containsExactly("a-1");
            assertThat(h.usable()).isTrue();
        });
        assertThat(health.get("jwe.issuers.b.verification.keys").get(0).location()).isEqualTo(idp.jwksUrl("/tenants/b"));
    }

    @Test
    void buildWhenDiscoveredIssuerDiffersThenStartupFailsNamingTheSettingAndBothIssuers() {
        idp.openIdConfiguration("/realms/a", "https://sso.other.example/realms/a");

        assertThatThrownBy(() -> validator(settings())).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers.a.issuer: ")
                .hasMessageContaining("names issuer 'https://sso.other.example/realms/a', not the configured '"
                        + issA + "'");
    }

    @Test
    void buildWhenIssuerUnreachableAtStartThenStartupFailsNamingTheIssuerAndBothMetadataAddresses() {
        idp.down(true);

        assertThatThrownBy(() -> validator(settings())).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers.a.issuer: Cannot discover the keys of issuer " + issA)
                .hasMessageContaining(issA + "/.well-known/openid-configuration: HTTP status 503")
                .hasMessageContaining(idp.base() + "/.well-known/oauth-authorization-server/realms/a: HTTP status 503");
    }

    @Test
    void validateWhenIssuerGoesDownAfterStartThenStaleKeysServeThenUnavailableAndHealthShowsIt() throws Exception {
        TestClock clock = new TestClock();
        KeySource discovered = KeySources.discovery(issA).clock(clock).timeout(Duration.ofMillis(500))
                .refresh(Duration.ofMinutes(5)).staleIfError(Duration.ofMinutes(10)).build();
        JweTokenValidator validator = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .audience("orders-api").trustedIssuer(TrustedIssuer.builder("a", issA).verificationKeys(discovered)
                        .principalClaim("preferred_username").build())
                .clock(clock).cacheMaxEntries(0).auditListener(audit).build();
        Map<String, Object> claims = claimsOfA();
        claims.put("exp", TestKeys.NOW.plus(Duration.ofDays(1)).getEpochSecond());
        String token = token(SIG_A, claims);
        assertThat(validator.validate(token).principalName()).isEqualTo("alice");

        idp.down(true);
        clock.advance(Duration.ofMinutes(6));
        assertThat(validator.validate(token).principalName()).as("stale keys within stale-if-error").isEqualTo("alice");
        clock.advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(ValidationUnavailableException.class);
        assertThat(audit.events().get(audit.events().size() - 1).reason()).isEqualTo(Reason.UNAVAILABLE);
        KeySourceHealth health = validator.keyHealthBySetting().get("jwe.issuers.a.verification.keys").get(0);
        assertThat(health.usable()).isFalse();
        assertThat(health.lastError()).isEqualTo("HTTP status 503");
    }

    @Test
    void validateWhenIssuerDownAtStartWithoutFetchAtStartThenUnavailableUntilItAnswers() throws Exception {
        idp.down(true);
        Map<String, String> s = settings();
        s.put("jwe.verification.fetch-at-start", "false");
        s.put("jwe.verification.min-refresh-interval", "PT0.2S");
        JweTokenValidator validator = validator(s);
        String token = token(SIG_A, claimsOfA());

        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(ValidationUnavailableException.class);
        KeySourceHealth health = validator.keyHealthBySetting().get("jwe.issuers.a.verification.keys").get(0);
        assertThat(health.location()).isEqualTo(issA + "/.well-known/openid-configuration");
        assertThat(health.usable()).isFalse();
        assertThat(health.lastError()).contains("HTTP status 503");

        idp.down(false);
        Thread.sleep(300);
        assertThat(validator.validate(token).principalName()).isEqualTo("alice");
    }

    @Test
    void buildWhenTwoIssuersFromEnvironmentVariablesThenEachAccepted() throws Exception {
        Map<String, String> env = Map.of(
                "JWE_DECRYPTION_KEYS", TestTokens.privateJwks(ENC),
                "JWE_AUDIENCE", "orders-api,partner-api",
                "JWE_ISSUERS", "kc,partner",
                "JWE_ISSUERS_KC_ISSUER", issA,
                "JWE_ISSUERS_KC_PRINCIPAL_CLAIM", "preferred_username",
                "JWE_ISSUERS_PARTNER_ISSUER", issB,
                "JWE_ISSUERS_PARTNER_VERIFICATION_KEYS", idp.jwksUrl("/tenants/b"),
                "JWE_ISSUERS_PARTNER_SCOPE_CLAIM", "scp");
        JweTokenValidator validator = JweSettings.builder().addEnvironment(env).build().toValidatorBuilder()
                .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build();

        assertThat(validator.validate(token(SIG_A, claimsOfA())).principalName()).isEqualTo("alice");
        assertThat(validator.validate(token(SIG_B, claimsOfB())).scopes()).containsExactly("orders:read", "orders:write");
        assertThat(TestTokens.rejection(validator, token(SIG_A, claimsOfB()))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void buildWhenOneIssuerUrlWithoutVerificationKeysThenKeysDiscoveredAndHealthUnderTheIssuerSetting()
            throws Exception {
        JweTokenValidator validator = validator(Map.of("jwe.decryption.keys", TestTokens.privateJwks(ENC),
                "jwe.issuer", issA, "jwe.audience", "orders-api", "jwe.principal-claim", "preferred_username"));

        assertThat(validator.validate(token(SIG_A, claimsOfA())).principalName()).isEqualTo("alice");
        assertThat(validator.keyHealthBySetting().get("jwe.issuer")).singleElement()
                .satisfies(h -> assertThat(h.location()).isEqualTo(idp.jwksUrl("/realms/a")));
    }

    @Test
    void validateWhenCachedTokenOfBAndIssuerADownWithNothingCachedThenServedWithoutAskingA() throws Exception {
        idp.down(true);
        TestClock clock = new TestClock();
        KeySource discoveredA = KeySources.discovery(issA).clock(clock).timeout(Duration.ofMillis(500))
                .fetchAtStart(false).build();
        JweTokenValidator validator = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .audience("partner-api")
                .trustedIssuer(TrustedIssuer.builder("a", issA).verificationKeys(discoveredA).build())
                .trustedIssuer(TrustedIssuer.builder("b", issB)
                        .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG_B))).build())
                .clock(clock).auditListener(AuditListener.NOOP).build();
        String token = token(SIG_B, claimsOfB());
        validator.validate(token);
        clock.advance(Duration.ofMinutes(1));
        int hitsBefore = idp.hits();

        assertThat(validator.validate(token).principalName()).isEqualTo("partner-svc");
        assertThat(validator.cachedTokenCount()).isEqualTo(1);
        assertThat(idp.hits()).as("the cache hit asked nothing of issuer A").isEqualTo(hitsBefore);
    }
}
