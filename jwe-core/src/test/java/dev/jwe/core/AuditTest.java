package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwe.JsonWebEncryption;
import org.junit.jupiter.api.Test;

/** One {@link AuditEvent} per attempt, what it may contain, and the default JSON-lines listener. */
class AuditTest {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);
    private static final RequestInfo REQUEST = new RequestInfo("203.0.113.7", "GET", "/orders/42");

    /** Records events; one per test (no shared state). */
    private static final class Recorder implements AuditListener {
        final List<AuditEvent> accepted = new ArrayList<>();
        final List<AuditEvent> rejected = new ArrayList<>();

        @Override
        public void onAccepted(AuditEvent event) {
            accepted.add(event);
        }

        @Override
        public void onRejected(AuditEvent event) {
            rejected.add(event);
        }
    }

    private static JweTokenValidator validator(AuditListener listener) {
        return TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)))
                .auditListener(listener).build();
    }

    private static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(ENC).signingKey(SIG).build().issue(claims);
    }

    /** First 16 hex digits of SHA-256 over the token, computed here independently of core. */
    private static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> expired() {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("exp", TestKeys.NOW.getEpochSecond() - 60);
        return claims;
    }

    /** A token of the right shape whose protected header is replaced (so it can never decrypt). */
    private static String withHeader(String token, String headerJson) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(headerJson.getBytes(StandardCharsets.UTF_8));
        return header + token.substring(token.indexOf('.'));
    }

    /** Claims encrypted to the RSA key without a signature (TokenIssuer refuses to make one). */
    private static String unsignedRsaToken() throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setPlaintext(JsonUtil.toJson(TestKeys.claims()));
        jwe.setAlgorithmHeaderValue("RSA-OAEP-256");
        jwe.setEncryptionMethodHeaderParameter("A256GCM");
        jwe.setKeyIdHeaderValue("enc-1");
        jwe.setKey(ENC.publicKey().orElseThrow());
        return jwe.getCompactSerialization();
    }

    private static void assertNoTokenText(AuditEvent e, String token) {
        if (token != null && token.length() >= 8) {
            assertThat(e.toString()).doesNotContain(token);
        }
    }

    // --- one event per call ---------------------------------------------------------------

    @Test
    void validateWhenAcceptedThenExactlyOneAcceptedEventWithAllFields() throws Exception {
        Recorder r = new Recorder();
        Map<String, Object> claims = TestKeys.claims();
        String token = token(claims);

        validator(r).validate(token, REQUEST);

        assertThat(r.rejected).isEmpty();
        assertThat(r.accepted).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isTrue();
            assertThat(e.outcome()).isEqualTo("accepted");
            assertThat(e.reason()).isNull();
            assertThat(e.time()).isEqualTo(TestKeys.NOW);
            assertThat(e.keyId()).isEqualTo("enc-1");
            assertThat(e.algorithm()).isEqualTo("RSA-OAEP-256");
            assertThat(e.encryption()).isEqualTo("A256GCM");
            assertThat(e.issuer()).isEqualTo(TestKeys.ISSUER);
            assertThat(e.subject()).isEqualTo("alice");
            assertThat(e.jwtId()).isEqualTo(claims.get("jti"));
            assertThat(e.fingerprint()).matches("[0-9a-f]{16}").isEqualTo(fingerprint(token));
            assertThat(e.request()).isEqualTo(REQUEST);
            assertThat(e.duration()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
            assertThat(e.cached()).isFalse();
        });
    }

    @Test
    void validateWhenRejectedForAnyReasonThenExactlyOneRejectedEventPerCall() throws Exception {
        String good = token(TestKeys.claims());
        List<String> tokens = new ArrayList<>(List.of("", "not-a-token", "a.b.c.d.e", "x".repeat(20_000),
                good.substring(0, good.length() - 4) + "AAAA", token(expired()), unsignedRsaToken(),
                withHeader(good, "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"nobody\"}"),
                withHeader(good, "{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}")));
        tokens.add(null);
        Recorder r = new Recorder();
        JweTokenValidator v = validator(r);

        for (String token : tokens) {
            int before = r.rejected.size();
            assertThatThrownBy(() -> v.validate(token, REQUEST)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> {
                        assertThat(r.rejected).hasSize(before + 1);
                        AuditEvent event = r.rejected.get(before);
                        assertThat(event.reason()).isEqualTo(e.reason());
                        assertThat(event.accepted()).isFalse();
                        assertThat(event.outcome()).isEqualTo("rejected");
                        assertThat(event.request()).isEqualTo(REQUEST);
                        assertThat(event.fingerprint()).isEqualTo(token == null ? null : fingerprint(token));
                        assertNoTokenText(event, token);
                    });
        }
        assertThat(r.accepted).isEmpty();
        assertThat(r.rejected).extracting(AuditEvent::reason).containsExactly(Reason.MALFORMED, Reason.MALFORMED,
                Reason.MALFORMED, Reason.TOKEN_TOO_LARGE, Reason.DECRYPTION_FAILED, Reason.EXPIRED, Reason.UNSIGNED,
                Reason.UNKNOWN_KEY, Reason.UNSUPPORTED_ALGORITHM, Reason.MALFORMED);
    }

    // --- what an event may say ------------------------------------------------------------

    @Test
    void validateWhenSignatureNotVerifiedThenNoClaimValuesInEvent() throws Exception {
        Recorder r = new Recorder();
        JweTokenValidator v = validator(r);
        KeyEntry impostor = TestKeys.rsa("sig-1", 2048);
        String forged = TokenIssuer.builder().encryptionKey(ENC).signingKey(impostor).build().issue(TestKeys.claims());

        assertThat(TestTokens.rejection(v, forged)).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(TestTokens.rejection(v, unsignedRsaToken())).isEqualTo(Reason.UNSIGNED);

        assertThat(r.rejected).hasSize(2).allSatisfy(e -> {
            assertThat(e.keyId()).isEqualTo("enc-1");
            assertThat(e.algorithm()).isEqualTo("RSA-OAEP-256");
            assertThat(e.encryption()).isEqualTo("A256GCM");
            assertThat(e.issuer()).isNull();
            assertThat(e.subject()).isNull();
            assertThat(e.jwtId()).isNull();
        });
    }

    @Test
    void validateWhenRejectedAfterSignatureVerifiedThenIssSubJtiInEvent() {
        Recorder r = new Recorder();
        Map<String, Object> claims = expired();

        assertThat(TestTokens.rejection(validator(r), token(claims))).isEqualTo(Reason.EXPIRED);

        assertThat(r.rejected).singleElement().satisfies(e -> {
            assertThat(e.issuer()).isEqualTo(TestKeys.ISSUER);
            assertThat(e.subject()).isEqualTo("alice");
            assertThat(e.jwtId()).isEqualTo(claims.get("jti"));
        });
    }

    @Test
    void validateWhenHeaderValuesHugeThenShortenedInEvent() {
        Recorder r = new Recorder();
        String kid = "k".repeat(250); // under the 256-character cap on kid
        String token = withHeader(token(TestKeys.claims()), "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\""
                + kid + "\"}");
        String overCap = withHeader(token(TestKeys.claims()), "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\""
                + "k".repeat(257) + "\"}");

        assertThat(TestTokens.rejection(validator(new Recorder()), overCap)).isEqualTo(Reason.MALFORMED);
        assertThat(TestTokens.rejection(validator(r), token)).isEqualTo(Reason.UNKNOWN_KEY);

        assertThat(r.rejected).singleElement().satisfies(e -> assertThat(e.keyId()).hasSize(131).startsWith("kkk")
                .endsWith("..."));
    }

    @Test
    void auditTrailRejectedWhenVerifiedTokenLacksScopeThenOneEventWithItsMetadata() throws Exception {
        Recorder r = new Recorder();
        JweTokenValidator v = validator(r);
        String token = token(TestKeys.claims());
        VerifiedToken verified = v.validate(token, REQUEST);

        v.auditTrail().rejected(Reason.INSUFFICIENT_SCOPE, verified, REQUEST);

        assertThat(r.accepted).hasSize(1);
        assertThat(r.rejected).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_SCOPE);
            assertThat(e.keyId()).isEqualTo("enc-1");
            assertThat(e.algorithm()).isEqualTo("RSA-OAEP-256");
            assertThat(e.subject()).isEqualTo("alice");
            assertThat(e.jwtId()).isEqualTo(verified.jwtId().orElseThrow());
            assertThat(e.fingerprint()).as("correlates with the accepted event").isEqualTo(fingerprint(token))
                    .isEqualTo(r.accepted.get(0).fingerprint());
            assertThat(e.request()).isEqualTo(REQUEST);
        });
    }

    @Test
    void auditTrailRejectedWhenNoTokenThenOneEventWithoutTokenFields() {
        Recorder r = new Recorder();
        validator(r).auditTrail().rejected(Reason.MISSING_TOKEN, null, REQUEST);

        assertThat(r.accepted).isEmpty();
        assertThat(r.rejected).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Reason.MISSING_TOKEN);
            assertThat(Stream.of(e.keyId(), e.algorithm(), e.encryption(), e.issuer(), e.subject(), e.jwtId(),
                    e.fingerprint())).containsOnlyNulls();
            assertThat(e.request()).isEqualTo(REQUEST);
            assertThat(e.time()).isEqualTo(TestKeys.NOW);
        });
    }

    @Test
    void validateWhenListenerThrowsThenOutcomeUnchanged() throws Exception {
        AuditListener failing = new AuditListener() {
            @Override
            public void onAccepted(AuditEvent event) {
                throw new IllegalStateException("audit store down");
            }

            @Override
            public void onRejected(AuditEvent event) {
                throw new IllegalStateException("audit store down");
            }
        };
        JweTokenValidator v = validator(failing);

        assertThat(v.validate(token(TestKeys.claims()), REQUEST).subject()).contains("alice");
        assertThat(TestTokens.rejection(v, token(expired()))).isEqualTo(Reason.EXPIRED);
        assertThat(TestTokens.rejection(v, "junk")).isEqualTo(Reason.MALFORMED);
        v.auditTrail().rejected(Reason.INSUFFICIENT_SCOPE, null, REQUEST);
    }

    // --- the default listener: JSON lines on dev.jwe.audit --------------------------------------

    /** What slf4j-simple wrote (to the test log file, see simplelogger.properties) while {@code action} ran. */
    private static String captureStandardError(Runnable action) {
        long mark = TestLog.mark();
        action.run();
        return TestLog.since(mark);
    }

    /** The one audit line's JSON object; fails unless exactly one line was written. */
    private static Map<String, Object> auditLine(String output) throws Exception {
        assertThat(output).endsWith(System.lineSeparator());
        String line = output.substring(0, output.length() - System.lineSeparator().length());
        assertThat(line).doesNotContain("\n", "\r").contains(" dev.jwe.audit - {");
        assertThat(line.chars()).noneMatch(c -> c < 0x20 || c == 0x7F);
        return JsonUtil.parseJson(line.substring(line.indexOf(" - {") + 3));
    }

    @Test
    void slf4jListenerWhenRejectedThenOneJsonLineOnAuditLogger() throws Exception {
        JweTokenValidator v = validator(AuditListener.slf4j());
        Map<String, Object> claims = expired();
        String token = token(claims);

        String output = captureStandardError(() -> assertThat(TestTokens.rejection(v, token)).isEqualTo(Reason.EXPIRED));

        Map<String, Object> json = auditLine(output);
        assertThat(json).containsEntry("outcome", "rejected").containsEntry("reason", "EXPIRED")
                .containsEntry("status", 401L).containsEntry("kid", "enc-1").containsEntry("alg", "RSA-OAEP-256")
                .containsEntry("enc", "A256GCM").containsEntry("iss", TestKeys.ISSUER).containsEntry("sub", "alice")
                .containsEntry("jti", claims.get("jti")).containsEntry("token", fingerprint(token))
                .containsEntry("time", TestKeys.NOW.toString()).containsKey("durationMicros");
        assertThat(output).doesNotContain(token.substring(0, 30)).doesNotContain(token.split("\\.")[3].substring(0, 20));
    }

    @Test
    void slf4jListenerWhenRequestInfoThenInLine() throws Exception {
        JweTokenValidator v = validator(AuditListener.slf4j());
        String output = captureStandardError(() -> assertThatThrownBy(() -> v.validate("junk", REQUEST))
                .isInstanceOf(TokenRejectedException.class));

        assertThat(auditLine(output)).containsEntry("client", "203.0.113.7").containsEntry("method", "GET")
                .containsEntry("path", "/orders/42").containsEntry("reason", "MALFORMED");
    }

    @Test
    void slf4jListenerWhenHostileKidAndPathThenControlCharactersEscapedInOneLine() throws Exception {
        String kid = "x\n[main] INFO dev.jwe.audit - {\"outcome\":\"accepted\"}\r\u0000\u001b[2J\u2028\"\\";
        String kidMember = JsonUtil.toJson(Map.of("kid", kid)).substring(1);
        String token = withHeader(token(TestKeys.claims()),
                "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"," + kidMember);
        RequestInfo hostileRequest = new RequestInfo("203.0.113.7", "GET", "/a\nb");
        JweTokenValidator v = validator(AuditListener.slf4j());

        String output = captureStandardError(() -> assertThatThrownBy(() -> v.validate(token, hostileRequest))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY)));

        Map<String, Object> json = auditLine(output);
        assertThat(json).containsEntry("kid", kid).containsEntry("path", "/a\nb").containsEntry("outcome", "rejected");
        assertThat(output).contains("\\n", "\\r", "\\u0000", "\\u001B", "\\u2028");
    }
}
