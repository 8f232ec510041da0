package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.internal.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsCheckTest {
    private static final KeyEntry OCT = TestKeys.oct("oct-1", 32);
    private static final long NOW = TestKeys.NOW.getEpochSecond();
    private static final JweHeader SYMMETRIC = new JweHeader("dir", "A256GCM", null, Map.of());
    private static final ClaimsCheck DEFAULTS = check(b -> { });

    /** Keys, clock and no audit: everything a policy needs besides issuer and audience. */
    private static JweTokenValidator.Builder builder() {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(OCT)).allowUnsignedWithSymmetricKeyManagement()
                .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP);
    }

    /** A check on a policy compiled from the test issuer and audience plus {@code options}. */
    private static ClaimsCheck check(Consumer<JweTokenValidator.Builder> options) {
        JweTokenValidator.Builder b = builder().issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE);
        options.accept(b);
        return compile(b);
    }

    private static ClaimsCheck compile(JweTokenValidator.Builder b) {
        return new ClaimsCheck(PolicyCompiler.compile(b).policy());
    }

    /** Valid claims: iss, aud, sub, iat now, exp in 10 min. */
    private static Map<String, Object> valid() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", TestKeys.ISSUER);
        c.put("aud", TestKeys.AUDIENCE);
        c.put("sub", "alice");
        c.put("iat", NOW);
        c.put("exp", NOW + 600);
        return c;
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> c = valid();
        if (value == null) {
            c.remove(name);
        } else {
            c.put(name, value);
        }
        return c;
    }

    private static TokenClaims claims(Map<String, Object> map) throws TokenRejectedException {
        return TokenClaims.read(Json.write(map));
    }

    private static Reason rejection(ClaimsCheck check, Map<String, Object> claims) {
        return rejection(check, claims, null, SYMMETRIC);
    }

    private static Reason rejection(ClaimsCheck check, Map<String, Object> claims, String innerTyp, JweHeader outer) {
        try {
            check.check(claims(claims), innerTyp, outer);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the claims passed");
    }

    @Test
    void checkWhenValidThenTypedTimesAndAudiences() throws Exception {
        Map<String, Object> c = with("aud", List.of("other", TestKeys.AUDIENCE));
        c.put("nbf", NOW - 5);
        ClaimsCheck.Result r = DEFAULTS.check(claims(c), null, SYMMETRIC);
        assertThat(r.audiences()).containsExactly("other", TestKeys.AUDIENCE);
        assertThat(r.expiresAt()).isEqualTo(Instant.ofEpochSecond(NOW + 600));
        assertThat(r.issuedAt()).isEqualTo(TestKeys.NOW);
        assertThat(r.notBefore()).isEqualTo(Instant.ofEpochSecond(NOW - 5));
    }

    @Test
    void checkWhenExpAbsentThenMissingClaim() {
        assertThat(rejection(DEFAULTS, with("exp", null))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void checkWhenExpPastByTheSkewThenExpiredAndOneSecondLessPasses() throws Exception {
        assertThat(rejection(DEFAULTS, with("exp", NOW - 30))).isEqualTo(Reason.EXPIRED);
        assertThat(DEFAULTS.check(claims(with("exp", NOW - 29)), null, SYMMETRIC).expiresAt())
                .isEqualTo(Instant.ofEpochSecond(NOW - 29));
        assertThat(rejection(check(b -> b.clockSkew(Duration.ZERO)), with("exp", NOW))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void checkWhenNbfOrIatBeyondTheSkewThenNotYetValidOrIssuedInFuture() throws Exception {
        assertThat(rejection(DEFAULTS, with("nbf", NOW + 31))).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(DEFAULTS.check(claims(with("nbf", NOW + 30)), null, SYMMETRIC).notBefore()).isNotNull();
        assertThat(rejection(DEFAULTS, with("iat", NOW + 31))).isEqualTo(Reason.ISSUED_IN_FUTURE);
        assertThat(DEFAULTS.check(claims(with("iat", NOW + 30)), null, SYMMETRIC).issuedAt()).isNotNull();
    }

    @Test
    void checkWhenLifetimeOverTheCapThenLifetimeTooLongCountedFromIatElseNow() throws Exception {
        ClaimsCheck capped = check(b -> b.maxLifetime(Duration.ofMinutes(10)));
        capped.check(claims(valid()), null, SYMMETRIC);
        Map<String, Object> oldIat = with("iat", NOW - 1);
        assertThat(rejection(capped, oldIat)).isEqualTo(Reason.LIFETIME_TOO_LONG);
        assertThat(rejection(capped, with("exp", NOW + 601))).isEqualTo(Reason.LIFETIME_TOO_LONG);
        Map<String, Object> noIat = with("iat", null);
        capped.check(claims(noIat), null, SYMMETRIC);
        noIat.put("exp", NOW + 601);
        assertThat(rejection(capped, noIat)).isEqualTo(Reason.LIFETIME_TOO_LONG);
        assertThat(DEFAULTS.check(claims(with("exp", NOW + 86_400 * 365)), null, SYMMETRIC)).isNotNull();
    }

    @Test
    void checkWhenIssuerOtherOrAbsentThenInvalidIssuerUnlessIgnored() throws Exception {
        assertThat(rejection(DEFAULTS, with("iss", "https://other.test"))).isEqualTo(Reason.INVALID_ISSUER);
        assertThat(rejection(DEFAULTS, with("iss", TestKeys.ISSUER + "/"))).isEqualTo(Reason.INVALID_ISSUER);
        assertThat(rejection(DEFAULTS, with("iss", null))).isEqualTo(Reason.INVALID_ISSUER);
        ClaimsCheck ignoring = compile(builder().ignoreIssuer().audience(TestKeys.AUDIENCE));
        assertThat(ignoring.check(claims(with("iss", null)), null, SYMMETRIC)).isNotNull();
    }

    @Test
    void checkWhenNoExpectedAudienceNamedThenInvalidAudienceUnlessIgnored() throws Exception {
        assertThat(rejection(DEFAULTS, with("aud", "api://other"))).isEqualTo(Reason.INVALID_AUDIENCE);
        assertThat(rejection(DEFAULTS, with("aud", List.of()))).isEqualTo(Reason.INVALID_AUDIENCE);
        assertThat(rejection(DEFAULTS, with("aud", null))).isEqualTo(Reason.INVALID_AUDIENCE);
        ClaimsCheck ignoring = compile(builder().issuer(TestKeys.ISSUER).ignoreAudience());
        assertThat(ignoring.check(claims(with("aud", null)), null, SYMMETRIC).audiences()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aud", "exp", "nbf", "iat"})
    void checkWhenRegisteredClaimOfWrongTypeThenMalformedClaims(String name) {
        Object wrong = name.equals("aud") ? List.of(TestKeys.AUDIENCE, 7L) : "1767225600";
        assertThat(rejection(DEFAULTS, with(name, wrong))).isEqualTo(Reason.MALFORMED_CLAIMS);
        if (name.equals("aud")) {
            assertThat(rejection(DEFAULTS, with(name, 7L))).isEqualTo(Reason.MALFORMED_CLAIMS);
        }
    }

    @Test
    void checkWhenNumericDateNegativeOrAfterYear9999ThenMalformedClaims() throws Exception {
        assertThat(rejection(DEFAULTS, with("iat", -1L))).isEqualTo(Reason.MALFORMED_CLAIMS);
        assertThat(rejection(DEFAULTS, with("exp", 253_402_300_800L))).isEqualTo(Reason.MALFORMED_CLAIMS);
        assertThat(rejection(DEFAULTS, with("exp", 2.6e11))).isEqualTo(Reason.MALFORMED_CLAIMS);
        assertThat(DEFAULTS.check(claims(with("exp", 253_402_300_799L)), null, SYMMETRIC).expiresAt())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void checkWhenNumericDateFractionalThenFloored() throws Exception {
        assertThat(DEFAULTS.check(claims(with("exp", NOW + 600.9)), null, SYMMETRIC).expiresAt())
                .isEqualTo(Instant.ofEpochSecond(NOW + 600));
    }

    @Test
    void checkWhenTypeRequiredThenInnerTypComparedLooselyByMediaType() throws Exception {
        ClaimsCheck typed = check(b -> b.tokenType("at+jwt"));
        JweHeader rsa = new JweHeader("RSA-OAEP-256", "A256GCM", null, Map.of("typ", "at+jwt"));
        for (String typ : List.of("at+jwt", "AT+JWT", "application/at+jwt", "Application/At+Jwt")) {
            assertThat(typed.check(claims(valid()), typ, rsa)).isNotNull();
        }
        assertThat(rejection(typed, valid(), "JWT", rsa)).isEqualTo(Reason.INVALID_TYPE);
        assertThat(rejection(typed, valid(), "application/at+jwt+x", rsa)).isEqualTo(Reason.INVALID_TYPE);
        assertThat(DEFAULTS.check(claims(valid()), "anything", rsa)).isNotNull();
    }

    @Test
    void checkWhenTypeOnlyInTheJweHeaderThenCountsOnlyUnderSymmetricKeyManagement() throws Exception {
        ClaimsCheck typed = check(b -> b.tokenType("application/at+jwt"));
        JweHeader dir = new JweHeader("dir", "A256GCM", null, Map.of("typ", "at+jwt"));
        assertThat(typed.check(claims(valid()), null, dir)).isNotNull();
        JweHeader rsa = new JweHeader("RSA-OAEP-256", "A256GCM", null, Map.of("typ", "at+jwt"));
        assertThat(rejection(typed, valid(), null, rsa)).isEqualTo(Reason.INVALID_TYPE);
        JweHeader ecdh = new JweHeader("ECDH-ES", "A256GCM", null, Map.of("typ", "at+jwt"));
        assertThat(rejection(typed, valid(), null, ecdh)).isEqualTo(Reason.INVALID_TYPE);
        assertThat(rejection(typed, valid(), null, new JweHeader("dir", "A256GCM", null, Map.of("typ", 1L))))
                .isEqualTo(Reason.INVALID_TYPE);
        assertThat(rejection(typed, valid(), null, SYMMETRIC)).isEqualTo(Reason.INVALID_TYPE);
    }

    @Test
    void checkWhenRequiredClaimAbsentOrNullThenMissingClaim() throws Exception {
        ClaimsCheck requiring = check(b -> b.requiredClaims(List.of("jti", "client_id")));
        Map<String, Object> c = valid();
        c.put("jti", "j-1");
        c.put("client_id", "app");
        assertThat(requiring.check(claims(c), null, SYMMETRIC)).isNotNull();
        c.put("client_id", null);
        assertThat(rejection(requiring, c)).isEqualTo(Reason.MISSING_CLAIM);
        c.remove("client_id");
        assertThat(rejection(requiring, c)).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void checkWhenSeveralClaimsWrongThenTheFirstInPipelineOrderIsReported() {
        Map<String, Object> everythingWrong = with("exp", NOW - 100);
        everythingWrong.put("iss", "https://other.test");
        everythingWrong.put("aud", "api://other");
        assertThat(rejection(DEFAULTS, everythingWrong)).isEqualTo(Reason.EXPIRED);
        everythingWrong.put("exp", NOW + 600);
        assertThat(rejection(DEFAULTS, everythingWrong)).isEqualTo(Reason.INVALID_ISSUER);
        everythingWrong.put("iss", TestKeys.ISSUER);
        assertThat(rejection(check(b -> b.tokenType("at+jwt")), everythingWrong, "JWT", SYMMETRIC))
                .isEqualTo(Reason.INVALID_AUDIENCE);
        Map<String, Object> malformedAndExpired = with("exp", NOW - 100);
        malformedAndExpired.put("aud", 7L);
        assertThat(rejection(DEFAULTS, malformedAndExpired)).isEqualTo(Reason.MALFORMED_CLAIMS);
    }

    @Test
    void recheckTimesWhenCachedTokenExpiredOrNotYetValidThenRejected() throws Exception {
        Instant exp = TestKeys.NOW.plusSeconds(60);
        VerifiedToken token = new VerifiedToken("alice", "alice", TestKeys.ISSUER, List.of(TestKeys.AUDIENCE), exp,
                null, TestKeys.NOW.minusSeconds(10), null, new LinkedHashSet<>(),
                new LinkedHashSet<>(), Map.of(), new TokenMetadata(null, "dir", "A256GCM", null, null, null,
                        true));
        DEFAULTS.recheckTimes(token);
        ClaimsCheck later = checkAt(exp.plusSeconds(30));
        assertThat(recheckRejection(later, token)).isEqualTo(Reason.EXPIRED);
        checkAt(exp.plusSeconds(29)).recheckTimes(token);
        assertThat(recheckRejection(checkAt(TestKeys.NOW.minusSeconds(41)), token)).isEqualTo(Reason.NOT_YET_VALID);
        checkAt(TestKeys.NOW.minusSeconds(40)).recheckTimes(token);
    }

    private static ClaimsCheck checkAt(Instant now) {
        return check(b -> b.clock(Clock.fixed(now, ZoneOffset.UTC)));
    }

    private static Reason recheckRejection(ClaimsCheck check, VerifiedToken token) {
        try {
            check.recheckTimes(token);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the cached token passed");
    }

    @Test
    void normalizeTypeWhenCaseOrApplicationPrefixDiffersThenSame() {
        assertThat(ClaimsCheck.normalizeType("Application/AT+JWT")).isEqualTo("at+jwt");
        assertThat(ClaimsCheck.normalizeType("JWT")).isEqualTo("jwt");
        assertThat(ClaimsCheck.normalizeType("app/jwt")).isEqualTo("app/jwt");
    }
}
