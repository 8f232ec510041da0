package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");
    private static final TokenIssuer ISSUER = TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC))
            .signingKey(SIG).build();

    private final TestClock clock = new TestClock();
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    private JweTokenValidator.Builder builder() {
        return JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(clock)
                .auditListener(new AuditListener() {
                    @Override
                    public void onAccepted(AuditEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void onRejected(AuditEvent event) {
                        events.add(event);
                    }
                });
    }

    /** Attempts that went through the whole pipeline (not answered from a cache). */
    private long fullValidations() {
        return events.stream().filter(e -> !e.cached()).count();
    }

    private JweTokenValidator validator() {
        JweTokenValidator v = builder().build();
        return v;
    }

    private static String token() {
        return ISSUER.issue(TestKeys.claims());
    }

    private static Reason reasonOf(JweTokenValidator v, String token) {
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> v.validate(token));
        assertThat(e).as("expected a rejection").isNotNull();
        return e.reason();
    }

    @Test
    void validateWhenSameTokenTwiceThenSecondIsServedFromCacheAndAudited() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        VerifiedToken first = v.validate(token);
        VerifiedToken second = v.validate(token);

        assertThat(fullValidations()).isEqualTo(1);
        assertThat(first.metadata().cached()).isFalse();
        assertThat(second.metadata().cached()).isTrue();
        assertThat(second.principalName()).isEqualTo("alice");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).cached()).isFalse();
        assertThat(events.get(1).cached()).isTrue();
        assertThat(events.get(1).accepted()).isTrue();
        assertThat(events.get(1).fingerprint()).isEqualTo(events.get(0).fingerprint());
    }

    @Test
    void validateWhenCachedTokenArrivesWithOtherCharactersThenMalformedNeverAHit() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        v.validate(token);
        assertThat(v.validate(token).metadata().cached()).isTrue();
        // The character check now runs after the cache lookup: none of these texts may hit the entry.
        int middle = token.length() / 2;
        for (String altered : List.of(token + " ", token + "\u00e9", token.substring(0, middle) + "\ud800"
                + token.substring(middle + 1), token.substring(0, middle) + "\u0000" + token.substring(middle + 1),
                token.substring(0, middle) + "\u0130" + token.substring(middle + 1))) {
            int before = events.size();
            assertThat(reasonOf(v, altered)).as(altered.substring(middle - 2, middle + 2)).isEqualTo(Reason.MALFORMED);
            AuditEvent event = events.get(before);
            assertThat(event.cached()).isFalse();
            assertThat(event.fingerprint()).isEqualTo(dev.jwe.core.internal.TokenDigest.fingerprintOf(altered));
        }
        assertThat(v.validate(token).metadata().cached()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void validateWhenServedFromCacheThenSameClaimsRolesScopesAndTimesAsTheFirstValidation() throws Exception {
        JweTokenValidator v = validator();
        Map<String, Object> claims = new java.util.LinkedHashMap<>(TokenIssuer.claims(TestKeys.CLOCK)
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).subject("alice").claim("jti", "j-1")
                .expiresIn(Duration.ofMinutes(10)).roles(List.of("writer", "admin", "reader"))
                .scopes(List.of("b", "a")).build());
        claims.put("nbf", TestKeys.NOW.getEpochSecond() - 5);
        claims.put("address", Map.of("city", "Zürich", "zip", List.of(8000L, 8001L)));
        String token = ISSUER.issue(claims);
        VerifiedToken first = v.validate(token);
        VerifiedToken hit = v.validate(token);

        assertThat(hit.metadata().cached()).isTrue();
        assertThat(hit.claims()).isEqualTo(first.claims()).containsEntry("address",
                Map.of("city", "Zürich", "zip", List.of(8000L, 8001L)));
        assertThat(List.copyOf(hit.claims().keySet())).isEqualTo(List.copyOf(first.claims().keySet()));
        assertThat(hit.claim("address", Map.class)).contains(Map.of("city", "Zürich", "zip", List.of(8000L, 8001L)));
        assertThat(List.copyOf(hit.roles())).containsExactly("writer", "admin", "reader");
        assertThat(List.copyOf(hit.scopes())).containsExactly("b", "a");
        assertThat(hit.audiences()).containsExactly(TestKeys.AUDIENCE);
        assertThat(hit.issuer()).contains(TestKeys.ISSUER);
        assertThat(hit.subject()).contains("alice");
        assertThat(hit.jwtId()).contains("j-1");
        assertThat(hit.expiresAt()).isEqualTo(first.expiresAt());
        assertThat(hit.issuedAt()).isEqualTo(first.issuedAt()).isPresent();
        assertThat(hit.notBefore()).contains(TestKeys.NOW.minusSeconds(5));
        assertThat(hit.metadata()).isEqualTo(new TokenMetadata("enc-1", first.metadata().keyManagementAlgorithm(),
                first.metadata().contentEncryptionAlgorithm(), "sig-1", first.metadata().signatureAlgorithm(),
                first.metadata().fingerprint(), true));
        assertThat(hit.toString()).isEqualTo(first.toString());
        assertThat(hit.roles().contains(null)).isFalse();
        assertThatThrownBy(() -> hit.claims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<String, Object>) hit.claims().get("address")).put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void validateWhenTwoCachedTokensShareRolesThenTheirOrderIsEachTokensOwn() throws Exception {
        JweTokenValidator v = validator();
        String ab = ISSUER.issue(TokenIssuer.claims(TestKeys.CLOCK).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .subject("alice").expiresIn(Duration.ofMinutes(10)).roles(List.of("a", "b")).build());
        String ba = ISSUER.issue(TokenIssuer.claims(TestKeys.CLOCK).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .subject("bob").expiresIn(Duration.ofMinutes(10)).roles(List.of("b", "a")).build());
        v.validate(ab);
        v.validate(ba);
        assertThat(List.copyOf(v.validate(ab).roles())).containsExactly("a", "b");
        assertThat(List.copyOf(v.validate(ba).roles())).containsExactly("b", "a");
        assertThat(v.validate(ba).principalName()).isEqualTo("bob");
    }

    @Test
    void validateWhenCachedTokenReachesExpThenRejectedAsExpired() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        v.validate(token);
        // exp is NOW + 10 min; with 30 s skew the token is still good at exp + 29 s ...
        clock.advance(Duration.ofMinutes(10).plusSeconds(29));
        assertThat(v.validate(token).metadata().cached()).isFalse();
        // ... (the max-ttl of 5 min had already pushed it out, so that was a full validation) ...
        v.validate(token);
        assertThat(events.get(events.size() - 1).cached()).isTrue();
        // ... and expired one second later: the entry ends exactly at exp + skew.
        clock.advance(Duration.ofSeconds(1));
        assertThat(reasonOf(v, token)).isEqualTo(Reason.EXPIRED);
        assertThat(v.cachedTokenCount()).isZero();
    }

    @Test
    void validateWhenClockMovesBeforeNbfThenCachedTokenRejectedAsNotYetValid() throws Exception {
        JweTokenValidator v = validator();
        Map<String, Object> claims = TestKeys.claims();
        claims.put("nbf", TestKeys.NOW.getEpochSecond());
        String token = ISSUER.issue(claims);
        v.validate(token);
        clock.advance(Duration.ofSeconds(-31));
        assertThat(reasonOf(v, token)).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(fullValidations()).isEqualTo(1);
    }

    @Test
    void validateWhenMaxTtlPassedThenTokenValidatedAgain() throws Exception {
        JweTokenValidator v = builder().cacheMaxTtl(Duration.ofMinutes(1)).build();
        String token = token();
        v.validate(token);
        clock.advance(Duration.ofSeconds(59));
        v.validate(token);
        assertThat(fullValidations()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        v.validate(token);
        assertThat(fullValidations()).isEqualTo(2);
    }

    @Test
    void validateWhenMoreTokensThanMaxEntriesThenCacheStaysBounded() throws Exception {
        JweTokenValidator v = builder().cacheMaxEntries(3).build();
        for (int i = 0; i < 20; i++) {
            v.validate(token());
        }
        assertThat(v.cachedTokenCount()).isLessThanOrEqualTo(3);
    }

    @Test
    void validateWhenOneCharacterDiffersThenNoCacheHit() throws Exception {
        JweTokenValidator v = validator();
        String token = token();
        v.validate(token);
        String[] parts = token.split("\\.");
        char last = parts[3].charAt(parts[3].length() - 1);
        // Change one ciphertext character to another that still decodes strictly.
        parts[3] = parts[3].substring(0, parts[3].length() - 1) + (last == 'A' ? 'Q' : 'A');
        String malleated = String.join(".", parts);

        assertThat(reasonOf(v, malleated)).isEqualTo(Reason.DECRYPTION_FAILED);
        assertThat(fullValidations()).isEqualTo(2);
        assertThat(events.get(1).cached()).isFalse();
    }

    @Test
    void validateWhenSameBadTokenRepeatedThenNegativeCacheAnswersSameReasonWithoutDecrypting() {
        JweTokenValidator v = validator();
        Map<String, Object> claims = TestKeys.claims();
        claims.put("aud", "someone-else");
        String token = ISSUER.issue(claims);

        assertThat(reasonOf(v, token)).isEqualTo(Reason.INVALID_AUDIENCE);
        assertThat(reasonOf(v, token)).isEqualTo(Reason.INVALID_AUDIENCE);
        assertThat(fullValidations()).isEqualTo(1);
        assertThat(events.get(1).cached()).isTrue();
        assertThat(events.get(1).keyId()).isEqualTo("enc-1");

        clock.advance(Duration.ofSeconds(31));
        assertThat(reasonOf(v, token)).isEqualTo(Reason.INVALID_AUDIENCE);
        assertThat(fullValidations()).isEqualTo(2);
    }

    @Test
    void validateWhenCacheOffThenEveryCallDecrypts() throws Exception {
        JweTokenValidator v = builder().cacheMaxEntries(0).build();
        String token = token();
        v.validate(token);
        VerifiedToken second = v.validate(token);
        assertThat(fullValidations()).isEqualTo(2);
        assertThat(second.metadata().cached()).isFalse();
    }
}
