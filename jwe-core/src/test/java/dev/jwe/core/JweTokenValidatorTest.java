package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JweTokenValidatorTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);

    private static JweTokenValidator validator() {
        return JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build();
    }

    private static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build().issue(claims);
    }

    @Test
    void validateWhenNestedRsaTokenThenReturnsVerifiedToken() throws Exception {
        VerifiedToken t = validator().validate(token(TestKeys.claims()));
        assertThat(t.principalName()).isEqualTo("alice");
        assertThat(t.issuer()).contains(TestKeys.ISSUER);
        assertThat(t.audiences()).containsExactly(TestKeys.AUDIENCE);
        assertThat(t.roles()).containsExactly("user");
        assertThat(t.scopes()).containsExactly("orders:read");
        assertThat(t.metadata().keyId()).isEqualTo("enc-1");
        assertThat(t.metadata().signingKeyId()).isEqualTo("sig-1");
        assertThat(t.metadata().signatureAlgorithm()).isEqualTo("RS256");
    }

    @Test
    void validateWhenExpiredThenRejectedAsExpired() {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("exp", TestKeys.NOW.getEpochSecond() - 31);
        assertThatThrownBy(() -> validator().validate(token(claims)))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
                    assertThat(e.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
                });
    }

    private static JweTokenValidator.Builder builder() {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP);
    }

    @Test
    void validateWhenPrincipalClaimMissingThenMissingPrincipalNotSub() {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("sub", "victim@corp.example");
        JweTokenValidator byEmail = builder().principalClaim("email").build();
        assertThat(TestTokens.rejection(byEmail, token(claims))).isEqualTo(Reason.MISSING_PRINCIPAL);
        assertThat(Reason.MISSING_PRINCIPAL.httpStatus()).isEqualTo(401);
        assertThat(Reason.MISSING_PRINCIPAL.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
    }

    @Test
    void validateWhenDefaultPrincipalClaimAndNoSubThenMissingPrincipal() {
        Map<String, Object> claims = TestKeys.claims();
        claims.remove("sub");
        assertThat(TestTokens.rejection(validator(), token(claims))).isEqualTo(Reason.MISSING_PRINCIPAL);
    }

    @Test
    void validateWhenPrincipalClaimListThenFirstPresentClaimNamesPrincipal() throws Exception {
        Map<String, Object> claims = TestKeys.claims();
        JweTokenValidator ordered = builder().principalClaim("preferred_username, sub").build();
        assertThat(ordered.validate(token(claims)).principalName()).isEqualTo("alice");
        claims.put("preferred_username", "al");
        assertThat(ordered.validate(token(claims)).principalName()).isEqualTo("al");
        JweTokenValidator listed = builder().principalClaims(List.of("email", "preferred_username")).build();
        assertThat(listed.validate(token(claims)).principalName()).isEqualTo("al");
        claims.remove("preferred_username");
        assertThat(TestTokens.rejection(listed, token(claims))).isEqualTo(Reason.MISSING_PRINCIPAL);
    }

    @Test
    void validateWhenRolesInDottedPathThenRolesFound() throws Exception {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("realm_access", Map.of("roles", List.of("admin", "ops")));
        JweTokenValidator v = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(SIG)).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .rolesClaim("realm_access.roles").clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build();
        assertThat(v.validate(token(claims)).roles()).containsExactly("admin", "ops");
    }

    @Test
    void validateWhenClaimValuesHoldTwoOrFourDotsThenNotMistakenForNestedJose() throws Exception {
        // Claims are JSON, never a compact JWS/JWE, however many dots their values contain: the
        // standard claims hold one dot (iss), so two or four more make three or five "segments".
        Map<String, Object> claims = TestKeys.claims();
        claims.put("email", "alice@example.com");
        assertThat(validator().validate(token(claims)).claim("email", String.class)).contains("alice@example.com");
        claims.put("site", "https://www.example.org");
        assertThat(validator().validate(token(claims)).claim("site", String.class)).contains("https://www.example.org");

        KeyEntry dir = TestKeys.oct("dir-1", 32);
        JweTokenValidator unsigned = JweTokenValidator.builder().decryptionKeys(KeySource.of(dir))
                .allowUnsignedWithSymmetricKeyManagement().issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build();
        String unsignedToken = TokenIssuer.builder().encryptionKey(dir).keyManagementAlgorithm("dir")
                .contentEncryptionAlgorithm("A256GCM").unsigned().build().issue(claims);
        assertThat(unsigned.validate(unsignedToken).subject()).contains("alice");
    }

    @Test
    void validateWhenClaimValuesContainTwoOrFourDotsThenNotMistakenForNestedToken() throws Exception {
        for (String email : List.of("a@b.test", "a.b@c.d.test")) {
            Map<String, Object> claims = TestKeys.claims();
            claims.put("email", email);
            assertThat(validator().validate(token(claims)).claim("email", String.class)).contains(email);
        }
    }

    @Test
    void validateWhenUnsignedClaimsContainTwoOrFourDotsThenAccepted() throws Exception {
        KeyEntry oct = TestKeys.oct("oct", 32);
        JweTokenValidator v = TestTokens.validator(KeySource.of(oct), null)
                .allowUnsignedWithSymmetricKeyManagement().build();
        for (String email : List.of("a@b.test", "a.b@c.d.test")) {
            Map<String, Object> claims = TestKeys.claims();
            claims.put("email", email);
            String token = TokenIssuer.builder().encryptionKey(oct).unsigned().build().issue(claims);
            assertThat(v.validate(token).claim("email", String.class)).contains(email);
        }
    }
}
