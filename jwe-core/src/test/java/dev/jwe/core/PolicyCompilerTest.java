package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {
    private static final KeyEntry RSA = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    private static JweTokenValidator.Builder builder() {
        return TestTokens.validator(KeySource.of(RSA), KeySource.of(TestKeys.publicOnly(SIG)));
    }

    @Test
    void compileWhenDefaultsThenBuilderDefaultsInPolicyAndState() {
        PolicyCompiler.Compiled c = PolicyCompiler.compile(builder());
        ValidationPolicy p = c.policy();
        assertThat(p.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.maxTokenLength()).isEqualTo(16_384);
        assertThat(p.maxLifetime()).isNull();
        assertThat(p.principalClaims()).containsExactly("sub");
        assertThat(p.rolesClaims()).containsExactly("groups");
        assertThat(p.scopeClaims()).containsExactly("scope");
        assertThat(p.tokenType()).isNull();
        assertThat(p.requiredClaims()).isEmpty();
        assertThat(p.signatureRequired()).isTrue();
        assertThat(p.issuers()).containsExactly(TestKeys.ISSUER);
        assertThat(p.audiences()).containsExactly(TestKeys.AUDIENCE);
        assertThat(p.clock()).isSameAs(TestKeys.CLOCK);
        assertThat(c.state().cache()).isNotNull();
        assertThat(c.state().revocation().store).isInstanceOf(InMemoryRevocationStore.class);
        assertThat(c.state().audit().isOff()).isTrue();
        assertThat(c.state().needsDigest()).isTrue();
    }

    @Test
    void compileWhenAlgorithmsNotListedThenDerivedFromTheKeys() {
        ValidationPolicy p = PolicyCompiler.compile(builder()).policy();
        assertThat(p.keyManagement()).containsExactly("RSA-OAEP-256");
        assertThat(p.contentEncryption()).containsExactlyInAnyOrder("A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256",
                "A192CBC-HS384", "A256CBC-HS512");
        assertThat(p.signature()).containsExactly("ES256");
    }

    @Test
    void compileWhenVerificationKeysRemoteThenEveryAsymmetricSignatureAlgorithmButNeverHmac() {
        KeySource remote = new KeySource() {
            @Override
            public KeySet keys() {
                return KeySet.of(List.of(TestKeys.publicOnly(SIG)));
            }

            @Override
            public boolean isRemote() {
                return true;
            }
        };
        ValidationPolicy p = PolicyCompiler.compile(builder().verificationKeys(remote)).policy();
        assertThat(p.signature()).contains("ES256", "RS256", "PS512", "EdDSA").noneMatch(a -> a.startsWith("HS"));
    }

    @Test
    void compileWhenIssuerAndAudienceIgnoredThenNotInPolicy() {
        JweTokenValidator.Builder b = JweTokenValidator.builder().decryptionKeys(KeySource.of(RSA))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).ignoreIssuer().ignoreAudience()
                .auditListener(AuditListener.NOOP);
        ValidationPolicy p = PolicyCompiler.compile(b).policy();
        assertThat(p.issuers()).isNull();
        assertThat(p.audiences()).isNull();
        assertThat(p.describe(PolicyCompiler.compile(b).state())).contains("issuer=IGNORED", "audience=IGNORED");
    }

    @Test
    void compileWhenTokenTypeGivenThenStoredNormalized() {
        assertThat(PolicyCompiler.compile(builder().tokenType("Application/AT+JWT")).policy().tokenType())
                .isEqualTo("at+jwt");
    }

    @Test
    void compileWhenCacheOffAndNoListenerThenNobodyNeedsTheDigest() {
        ValidatorState state = PolicyCompiler.compile(builder().cacheMaxEntries(0)).state();
        assertThat(state.cache()).isNull();
        assertThat(state.needsDigest()).isFalse();
        assertThat(state.cachedTokenCount()).isZero();
        assertThat(state.describe()).startsWith("cache=off, revocation-store=");
        ValidatorState audited = PolicyCompiler.compile(builder().cacheMaxEntries(0).auditListener(new AuditListener() { }))
                .state();
        assertThat(audited.needsDigest()).isTrue();
    }

    @Test
    void compileWhenStoreFactoryGivenThenMadeOnceOnTheFinalClock() {
        Clock late = Clock.offset(TestKeys.CLOCK, Duration.ofHours(1));
        List<Clock> asked = new ArrayList<>();
        InMemoryRevocationStore made = new InMemoryRevocationStore(late);
        JweTokenValidator.Builder b = builder().revocationStore(clock -> {
            asked.add(clock);
            return made;
        }).clock(late);
        assertThat(PolicyCompiler.compile(b).state().revocation().store).isSameAs(made);
        assertThat(asked).containsExactly(late);
    }

    @Test
    void describeWhenCompiledThenSettingsInFixedOrderWithStateBetweenClaimsAndKeys() {
        PolicyCompiler.Compiled c = PolicyCompiler.compile(builder().requiredClaims(List.of("jti")));
        String d = c.policy().describe(c.state());
        assertThat(d).startsWith("key-management=[RSA-OAEP-256], content-encryption=[A128CBC-HS256, A128GCM,")
                .contains(", signature=[ES256], signature-required=always, issuer=[" + TestKeys.ISSUER + "]",
                        ", clock-skew=PT30S, max-token-length=16384, max-lifetime=none, required-claims=[jti],"
                                + " token-type=any, principal-claim=sub, roles-claim=groups, scope-claim=scope,"
                                + " crypto-provider=JDK, cache=on, revocation-store=")
                .endsWith(", decryption-keys=[enc-1], verification-keys=[sig-1]");
    }
}
