package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder API of several issuers: {@link JweTokenValidator.Builder#trustedIssuer(TrustedIssuer)}. */
class TrustedIssuerTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG_KC = TestKeys.ec("kc-1", "P-256");
    private static final KeyEntry SIG_PARTNER = TestKeys.ec("partner-1", "P-256");
    private static final String KC = "https://sso.example/realms/main";
    private static final String PARTNER = "https://login.partner.example";

    private static TrustedIssuer.Builder kc() {
        return TrustedIssuer.builder("kc", KC).verificationKeys(KeySource.of(TestKeys.publicOnly(SIG_KC)));
    }

    private static JweTokenValidator.Builder validator() {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC)).audience(TestKeys.AUDIENCE)
                .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP);
    }

    private static String token(KeyEntry signer, String iss, String typ) {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("iss", iss);
        TokenIssuer.Builder b = TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(signer);
        return (typ == null ? b : b.type(typ)).build().issue(claims);
    }

    @Test
    void validateWhenTokenTypeSetForOneIssuerThenOnlyItsTokensNeedIt() throws Exception {
        JweTokenValidator v = validator().trustedIssuer(kc().tokenType("at+jwt").build())
                .trustedIssuer(TrustedIssuer.builder("partner", PARTNER)
                        .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG_PARTNER))).build()).build();

        assertThat(TestTokens.rejection(v, token(SIG_KC, KC, null))).isEqualTo(Reason.INVALID_TYPE);
        assertThat(v.validate(token(SIG_KC, KC, "at+jwt")).principalName()).isEqualTo("alice");
        assertThat(v.validate(token(SIG_PARTNER, PARTNER, null)).principalName()).isEqualTo("alice");
        assertThat(TestTokens.rejection(v, token(SIG_PARTNER, KC, "at+jwt"))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void buildWhenTrustedIssuerWithPooledVerificationKeysThenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> validator().trustedIssuer(kc().build())
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG_PARTNER))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.verification.keys: not used with jwe.issuers");
    }

    @Test
    void buildWhenTrustedIssuerWithIssuerListThenRefusedNamingBoth() {
        assertThatThrownBy(() -> validator().trustedIssuer(kc().build()).issuer(PARTNER).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers: set together with jwe.issuer; choose one");
    }

    @Test
    void buildWhenNoKeysOrBadNameThenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TrustedIssuer.builder("kc", KC).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("jwe.issuers.kc.verification.keys: required: the keys of issuer " + KC);
        assertThatThrownBy(() -> TrustedIssuer.builder("Kc", KC).verificationKeys(KeySource.of(SIG_KC)).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwe.issuers: 'Kc' is not a valid issuer name");
        assertThatThrownBy(() -> validator().trustedIssuer(kc().principalClaim(" ").build()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("jwe.issuers.kc.principal-claim: must not be blank");
    }

    @Test
    void settersWhenNullThenRefusedAtOnce() {
        TrustedIssuer.Builder b = TrustedIssuer.builder("kc", KC);
        assertThatThrownBy(() -> b.verificationKeys(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.audiences(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.audiences(List.of("a", null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.rolesClaim(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.tokenType(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> validator().trustedIssuer(null)).isInstanceOf(NullPointerException.class);
    }
}
