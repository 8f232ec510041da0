package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.PbkdfKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for hostile input: each one ends in a {@link TokenRejectedException} with one
 * exact {@link Reason} (never another exception type, never an exception swallowed on the way),
 * and leaves exactly one audit event with that reason. Tokens that the issuer would refuse to make
 * are forged with jose4j or plain JCA ({@link Forge}), so that a rejection comes from the policy
 * and not from a broken ciphertext wherever that can be arranged.
 */
class HostileTokenTest {
    private static final KeyEntry RSA_ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry EC_ENC = TestKeys.ec("ec-1", "P-256");
    private static final KeyEntry OCT = TestKeys.oct("oct-1", 32);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);
    /** Another RSA key that claims the trusted signing key's id. */
    private static final KeyEntry IMPOSTOR = TestKeys.rsa("sig-1", 2048);
    private static final KeyEntry HMAC = TestKeys.oct("hmac-1", 32);
    private static final long NOW = TestKeys.NOW.getEpochSecond();
    private static final int ONE_MIB = 1024 * 1024;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Claims members, as JSON text, for claims sets that a map cannot express (duplicates, odd numbers). */
    private static final String ISS = "\"iss\":\"" + TestKeys.ISSUER + "\"";
    private static final String AUD = "\"aud\":\"" + TestKeys.AUDIENCE + "\"";
    private static final String SUB = "\"sub\":\"alice\"";
    private static final String IAT = "\"iat\":" + NOW;
    private static final String EXP = "\"exp\":" + (NOW + 600);
    /** A valid token whose five segments all have a length that is not a multiple of 4. */
    private static final String UNALIGNED = unalignedToken();

    private final CapturingAuditListener capture = new CapturingAuditListener();

    // ---------------------------------------------------------------- set-up and assertions

    /** RSA, EC and oct decryption keys; the RSA signing key's public half for verification. */
    private JweTokenValidator.Builder builder() {
        return JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(RSA_ENC, EC_ENC, OCT))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .clock(TestKeys.CLOCK).auditListener(capture);
    }

    private JweTokenValidator validator() {
        return builder().build();
    }

    private void assertRejected(TokenValidator validator, String token, Reason expected) {
        int before = capture.events().size();
        long mark = TestLog.mark();
        assertThatThrownBy(() -> validator.validate(token))
                .isExactlyInstanceOf(TokenRejectedException.class)
                .satisfies(e -> assertThat(((TokenRejectedException) e).reason()).isEqualTo(expected));
        List<AuditEvent> events = capture.events();
        assertThat(events.subList(before, events.size())).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isFalse();
            assertThat(e.reason()).isEqualTo(expected);
        });
        assertThat(TestLog.since(mark)).as("an exception was swallowed on the way")
                .doesNotContain(TestLog.UNEXPECTED_EXCEPTION);
    }

    private VerifiedToken assertAccepted(TokenValidator validator, String token) throws TokenRejectedException {
        int before = capture.events().size();
        VerifiedToken verified = validator.validate(token);
        assertThat(verified.subject()).contains("alice");
        List<AuditEvent> events = capture.events();
        assertThat(events.subList(before, events.size())).singleElement()
                .satisfies(e -> assertThat(e.accepted()).isTrue());
        return verified;
    }

    // ---------------------------------------------------------------- token makers

    private static Map<String, Object> claims() {
        return TestKeys.claims();
    }

    private static String json(Map<String, ?> map) {
        return JsonUtil.toJson(map);
    }

    private static Map<String, Object> headers(Map<String, ?> defaults, Map<String, ?> extra) {
        Map<String, Object> h = new LinkedHashMap<>(defaults);
        h.putAll(extra);
        return h;
    }

    /** RS256 by the trusted key (kid sig-1) over {@code payload}, with extra header members. */
    private static String signed(String payload, Map<String, ?> extraHeaders) {
        return Forge.jws(payload, "RS256", SIG.key(), headers(Map.of("kid", "sig-1"), extraHeaders));
    }

    private static String signed(String payload) {
        return signed(payload, Map.of());
    }

    /** RSA-OAEP-256/A256GCM to the trusted key (kid enc-1, cty JWT), with extra header members. */
    private static String encrypted(String payload, Map<String, ?> extraHeaders) {
        return Forge.jwe(payload, "RSA-OAEP-256", "A256GCM", RSA_ENC.publicKey().orElseThrow(),
                headers(Map.of("kid", "enc-1", "cty", "JWT"), extraHeaders));
    }

    private static String encrypted(String payload) {
        return encrypted(payload, Map.of());
    }

    /** A well-formed nested token with {@link TokenIssuer} (RSA-OAEP-256/A256GCM, RS256). */
    private static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(RSA_ENC).signingKey(SIG).build().issue(claims);
    }

    private static String token() {
        return token(claims());
    }

    private static String unalignedToken() {
        // RSA-OAEP-256 (342 chars) and A128CBC-HS256 (22-char IV and tag) are unaligned already;
        // padding in the header and the claims moves the other two segments off a multiple of 4.
        for (int pad = 0; pad < 96; pad++) {
            Map<String, Object> c = claims();
            c.put("pad", "x".repeat(pad));
            String t = Forge.jwe(signed(json(c)), "RSA-OAEP-256", "A128CBC-HS256", RSA_ENC.publicKey().orElseThrow(),
                    Map.of("kid", "enc-1", "cty", "JWT", "pad", "y".repeat(pad % 4)));
            if (Arrays.stream(Forge.segments(t)).allMatch(s -> s.length() % 4 != 0)) {
                return t;
            }
        }
        throw new IllegalStateException("no unaligned token found");
    }

    // ---------------------------------------------------------------- baselines

    @ParameterizedTest(name = "{1}/{2}")
    @CsvSource({
        "enc-1, RSA-OAEP-256, A256GCM",
        "ec-1, ECDH-ES, A256GCM",
        "ec-1, ECDH-ES+A256KW, A128CBC-HS256",
        "oct-1, dir, A256GCM",
        "oct-1, A256KW, A256GCM",
        "oct-1, A256GCMKW, A128GCM"
    })
    void validateWhenWellFormedTokenThenAccepted(String kid, String alg, String enc) throws Exception {
        KeyEntry key = switch (kid) {
            case "enc-1" -> RSA_ENC;
            case "ec-1" -> EC_ENC;
            default -> OCT;
        };
        String t = TokenIssuer.builder().encryptionKey(key).keyManagementAlgorithm(alg).contentEncryptionAlgorithm(enc)
                .signingKey(SIG).build().issue(claims());
        assertThat(assertAccepted(validator(), t).metadata().keyManagementAlgorithm()).isEqualTo(alg);
    }

    @Test
    void validateWhenForgedButWellFormedTokensThenAccepted() throws Exception {
        // The forging helpers themselves make acceptable tokens: rejections below are the policy's.
        assertAccepted(validator(), encrypted(signed(json(claims()))));
        assertAccepted(validator(), Forge.dirA256Gcm(OCT.key(), "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"x\":\"\u00e9\"}",
                signed(json(claims()))));
        assertAccepted(validator(), UNALIGNED);
    }

    // ---------------------------------------------------------------- algorithms

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE"})
    void validateWhenInnerJwsAlgNoneThenUnsupportedAlgorithm(String none) {
        String unsecured = Forge.b64("{\"alg\":\"" + none + "\",\"kid\":\"sig-1\"}") + "." + Forge.b64(json(claims()))
                + ".";
        assertRejected(validator(), encrypted(unsecured), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void validateWhenJweAlgNoneThenUnsupportedAlgorithm() {
        String t = Forge.dirA256Gcm(OCT.key(), "{\"alg\":\"none\",\"enc\":\"A256GCM\"}", signed(json(claims())));
        assertRejected(validator(), t, Reason.UNSUPPORTED_ALGORITHM);
    }

    /** HS256 keyed with the bytes of the trusted RSA public key: the classic key-confusion forgery. */
    private static String hs256WithRsaPublicKeyBytes(Map<String, ?> innerHeaders) {
        Key hmac = new HmacKey(SIG.publicKey().orElseThrow().getEncoded());
        return encrypted(Forge.jws(json(claims()), "HS256", hmac, innerHeaders));
    }

    @Test
    void validateWhenHs256SignedWithRsaPublicKeyThenUnsupportedAlgorithm() {
        assertRejected(validator(), hs256WithRsaPublicKeyBytes(Map.of("kid", "sig-1")), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void validateWhenHs256AllowedAndSignedWithRsaPublicKeyNamingRsaKidThenUnknownKey() {
        JweTokenValidator v = builder().verificationKeys(KeySource.of(TestKeys.publicOnly(SIG), HMAC))
                .signatureAlgorithms(List.of("RS256", "HS256")).build();
        assertRejected(v, hs256WithRsaPublicKeyBytes(Map.of("kid", "sig-1")), Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenHs256AllowedAndSignedWithRsaPublicKeyWithoutKidThenInvalidSignature() {
        JweTokenValidator v = builder().verificationKeys(KeySource.of(TestKeys.publicOnly(SIG), HMAC))
                .signatureAlgorithms(List.of("RS256", "HS256")).build();
        assertRejected(v, hs256WithRsaPublicKeyBytes(Map.of()), Reason.INVALID_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}, allowUnsigned={1}")
    @CsvSource({
        "RSA-OAEP-256, false", "RSA-OAEP-256, true",
        "ECDH-ES, false", "ECDH-ES, true",
        "ECDH-ES+A256KW, true"
    })
    void validateWhenUnsignedClaimsUnderPublicKeyManagementThenUnsigned(String alg, boolean allowUnsigned) {
        boolean rsa = alg.startsWith("RSA");
        String t = Forge.jwe(json(claims()), alg, "A256GCM", (rsa ? RSA_ENC : EC_ENC).publicKey().orElseThrow(),
                Map.of("kid", rsa ? "enc-1" : "ec-1"));
        JweTokenValidator v = allowUnsigned ? builder().allowUnsignedWithSymmetricKeyManagement().build() : validator();
        assertRejected(v, t, Reason.UNSIGNED);
    }

    @Test
    void validateWhenUnsignedClaimsUnderPublicKeyManagementClaimJwtContentTypeThenUnsigned() {
        assertRejected(builder().allowUnsignedWithSymmetricKeyManagement().build(), encrypted(json(claims())),
                Reason.UNSIGNED);
    }

    private static String unsignedSymmetric(String alg, Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(OCT).keyManagementAlgorithm(alg).unsigned().build().issue(claims);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dir", "A256KW", "A256GCMKW"})
    void validateWhenUnsignedUnderSymmetricKeyManagementWithOptionThenAccepted(String alg) throws Exception {
        VerifiedToken t = assertAccepted(builder().allowUnsignedWithSymmetricKeyManagement().build(),
                unsignedSymmetric(alg, claims()));
        assertThat(t.metadata().signatureAlgorithm()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dir", "A256KW", "A256GCMKW"})
    void validateWhenUnsignedUnderSymmetricKeyManagementWithoutOptionThenUnsigned(String alg) {
        assertRejected(validator(), unsignedSymmetric(alg, claims()), Reason.UNSIGNED);
    }

    @Test
    void validateWhenUnsignedAllowedButInnerSignatureIsBadThenInvalidSignature() {
        // Allowing unsigned claims must not turn a failed signature into "unsigned, fine".
        String jws = Forge.jws(json(claims()), "RS256", IMPOSTOR.key(), Map.of("kid", "sig-1"));
        String t = Forge.jwe(jws, "dir", "A256GCM", OCT.key(), Map.of("cty", "JWT"));
        assertRejected(builder().allowUnsignedWithSymmetricKeyManagement().build(), t, Reason.INVALID_SIGNATURE);
    }

    @Test
    void validateWhenUnsignedAllowedButPayloadClaimsToBeJwtThenUnsigned() {
        String t = Forge.jwe(json(claims()), "dir", "A256GCM", OCT.key(), Map.of("cty", "JWT"));
        assertRejected(builder().allowUnsignedWithSymmetricKeyManagement().build(), t, Reason.UNSIGNED);
    }

    @Test
    void validateWhenPbes2ThenUnsupportedAlgorithmBeforeAnyKeyDerivation() {
        String t = Forge.jwe(signed(json(claims())), "PBES2-HS256+A128KW", "A128GCM",
                new PbkdfKey("correct horse battery staple"), Map.of("cty", "JWT"));
        assertRejected(validator(), t, Reason.UNSUPPORTED_ALGORITHM);
        // 2^31-1 PBKDF2 iterations would pin a CPU for minutes if anything ever tried them.
        Map<String, Object> h = Forge.parse(Forge.headerJson(t));
        h.put("p2c", Integer.MAX_VALUE);
        assertRejected(validator(), Forge.withHeader(t, json(h)), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void validateWhenRsa15ThenUnsupportedAlgorithm() {
        String t = Forge.jwe(signed(json(claims())), "RSA1_5", "A128CBC-HS256", RSA_ENC.publicKey().orElseThrow(),
                Map.of("kid", "enc-1", "cty", "JWT"));
        assertRejected(validator(), t, Reason.UNSUPPORTED_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA1_5", "PBES2-HS256+A128KW", "PBES2-HS512+A256KW", "none"})
    void buildWhenRefusedKeyManagementAlgorithmListedThenConfigurationError(String alg) {
        assertThatThrownBy(() -> builder().keyManagementAlgorithms(List.of(alg)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("jwe.key-management-algorithms");
    }

    @Test
    void validateWhenAlgorithmOutsideAllowListThenUnsupportedAlgorithm() {
        // RSA-OAEP (SHA-1) is supported but only when listed; A128CBC-HS256 is not listed here.
        String oaep1 = Forge.jwe(signed(json(claims())), "RSA-OAEP", "A256GCM", RSA_ENC.publicKey().orElseThrow(),
                Map.of("kid", "enc-1", "cty", "JWT"));
        assertRejected(validator(), oaep1, Reason.UNSUPPORTED_ALGORITHM);
        JweTokenValidator gcmOnly = builder().contentEncryptionAlgorithms(List.of("A256GCM")).build();
        assertRejected(gcmOnly, UNALIGNED, Reason.UNSUPPORTED_ALGORITHM);
    }

    // ---------------------------------------------------------------- nesting

    @Test
    void validateWhenJweInJweThenInvalidNesting() {
        assertRejected(validator(), encrypted(token()), Reason.INVALID_NESTING);
        assertRejected(validator(), Forge.jwe(token(), "RSA-OAEP-256", "A256GCM", RSA_ENC.publicKey().orElseThrow(),
                Map.of("kid", "enc-1")), Reason.INVALID_NESTING);
    }

    @Test
    void validateWhenJwsWrapsJweThenMalformed() {
        // A three-segment JWS is not a JWE, whatever it carries.
        assertRejected(validator(), signed(token()), Reason.MALFORMED);
    }

    @Test
    void validateWhenInnerJwsPayloadIsJweThenInvalidNesting() {
        assertRejected(validator(), encrypted(signed(token())), Reason.INVALID_NESTING);
    }

    @Test
    void validateWhenInnerJwsPayloadIsJwsThenInvalidNesting() {
        assertRejected(validator(), encrypted(signed(signed(json(claims())))), Reason.INVALID_NESTING);
    }

    @Test
    void validateWhenInnerJwsSaysItCarriesJwtThenInvalidNesting() {
        assertRejected(validator(), encrypted(signed(json(claims()), Map.of("cty", "JWT"))), Reason.INVALID_NESTING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.org", "a.b.c.d"})
    void validateWhenClaimsContainDotsThenNotMistakenForNesting(String dotted) throws Exception {
        // The issuer "https://issuer.test" has one dot: these values make the claims JSON count
        // three or five dot-separated parts, like a JWS or a JWE.
        Map<String, Object> c = claims();
        c.put("email", dotted);
        assertThat(assertAccepted(validator(), token(c)).claim("email", String.class)).contains(dotted);
        assertThat(assertAccepted(builder().allowUnsignedWithSymmetricKeyManagement().build(),
                unsignedSymmetric("dir", c)).claim("email", String.class)).contains(dotted);
    }

    // ---------------------------------------------------------------- header policy

    static Stream<Arguments> forbiddenHeaders() throws JoseException {
        Map<String, Object> attackerJwk = PublicJsonWebKey.Factory.newPublicJwk(IMPOSTOR.publicKey().orElseThrow())
                .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        return Stream.of(
                Arguments.of("zip", "DEF"),
                Arguments.of("crit", List.of("exp")),
                Arguments.of("jku", "https://attacker.test/jwks.json"),
                Arguments.of("x5u", "https://attacker.test/cert.pem"),
                Arguments.of("jwk", attackerJwk),
                Arguments.of("x5c", List.of(java.util.Base64.getEncoder().encodeToString(new byte[64]))));
    }

    @ParameterizedTest(name = "JWE header {0}")
    @MethodSource("forbiddenHeaders")
    void validateWhenJweHeaderHasRefusedParameterThenUnsupportedHeader(String name, Object value) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(name, value);
        if (name.equals("crit")) {
            extra.put("exp", NOW + 600);
        }
        assertRejected(validator(), encrypted(signed(json(claims())), extra), Reason.UNSUPPORTED_HEADER);
    }

    @ParameterizedTest(name = "JWS header {0}")
    @MethodSource("forbiddenHeaders")
    void validateWhenInnerJwsHeaderHasRefusedParameterThenUnsupportedHeader(String name, Object value) {
        assertRejected(validator(), encrypted(signed(json(claims()), Map.of(name, value))), Reason.UNSUPPORTED_HEADER);
    }

    @Test
    void validateWhenInnerJwsCarriesItsOwnVerificationKeyThenUnsupportedHeader() throws JoseException {
        // Embedded-key forgery: signed by the attacker, with the attacker's public key in "jwk".
        Map<String, Object> attackerJwk = PublicJsonWebKey.Factory.newPublicJwk(IMPOSTOR.publicKey().orElseThrow())
                .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String jws = Forge.jws(json(claims()), "RS256", IMPOSTOR.key(), Map.of("jwk", attackerJwk));
        assertRejected(validator(), encrypted(jws), Reason.UNSUPPORTED_HEADER);
    }

    @Test
    void validateWhenInnerJwsHasUnencodedPayloadOptionThenUnsupportedHeader() {
        // RFC 7797 "b64": false changes what the signature covers; it needs "crit", which is
        // refused, so it can never be legitimate here (and jose4j honours it even without "crit").
        String jws = signed(Forge.b64(json(claims())), Map.of("b64", false));
        assertRejected(validator(), encrypted(jws), Reason.UNSUPPORTED_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "application/json", "JOSE", "JWT; charset=utf-8", "jwt+x", " JWT"})
    void validateWhenContentTypeIsNotJwtThenUnsupportedHeader(String cty) {
        assertRejected(validator(), encrypted(signed(json(claims())), Map.of("cty", cty)), Reason.UNSUPPORTED_HEADER);
    }

    @Test
    void validateWhenContentTypeIsNotAStringThenUnsupportedHeader() {
        assertRejected(validator(), encrypted(signed(json(claims())), Map.of("cty", 1)), Reason.UNSUPPORTED_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwt", "application/JWT"})
    void validateWhenContentTypeIsJwtInAnotherSpellingThenAccepted(String cty) throws Exception {
        assertAccepted(validator(), encrypted(signed(json(claims())), Map.of("cty", cty)));
    }

    // ---------------------------------------------------------------- key selection and signature

    @Test
    void validateWhenOuterKidUnknownThenUnknownKey() {
        assertRejected(validator(), encrypted(signed(json(claims())), Map.of("kid", "enc-unknown")), Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenOuterKidNamesKeyOfAnotherTypeThenUnknownKey() {
        assertRejected(validator(), encrypted(signed(json(claims())), Map.of("kid", "ec-1")), Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenInnerKidUnknownThenUnknownKey() {
        assertRejected(validator(), encrypted(signed(json(claims()), Map.of("kid", "sig-unknown"))), Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenInnerSignedByAnotherKeyWithSameKidThenInvalidSignature() {
        String jws = Forge.jws(json(claims()), "RS256", IMPOSTOR.key(), Map.of("kid", "sig-1"));
        assertRejected(validator(), encrypted(jws), Reason.INVALID_SIGNATURE);
        String noKid = Forge.jws(json(claims()), "RS256", IMPOSTOR.key(), Map.of());
        assertRejected(validator(), encrypted(noKid), Reason.INVALID_SIGNATURE);
    }

    @Test
    void validateWhenInnerSignatureEmptyOrTruncatedThenInvalidSignature() {
        String[] jws = Forge.segments(signed(json(claims())));
        assertRejected(validator(), encrypted(Forge.join(jws[0], jws[1], "")), Reason.INVALID_SIGNATURE);
        String truncated = Forge.b64(Arrays.copyOf(Forge.unb64(jws[2]), 255));
        assertRejected(validator(), encrypted(Forge.join(jws[0], jws[1], truncated)), Reason.INVALID_SIGNATURE);
    }

    @Test
    void validateWhenEcdhEphemeralKeyIsHostileThenRejected() {
        String t = TokenIssuer.builder().encryptionKey(EC_ENC).keyManagementAlgorithm("ECDH-ES").signingKey(SIG)
                .build().issue(claims());
        Map<String, Object> header = Forge.parse(Forge.headerJson(t));
        @SuppressWarnings("unchecked")
        Map<String, Object> epk = new LinkedHashMap<>((Map<String, Object>) header.get("epk"));

        Map<String, Object> otherCurve = new LinkedHashMap<>(header);
        otherCurve.put("epk", headers(epk, Map.of("crv", "P-384")));
        assertRejected(validator(), Forge.withHeader(t, json(otherCurve)), Reason.UNKNOWN_KEY);

        // Invalid-curve attack: a point that is not on P-256.
        Map<String, Object> offCurve = new LinkedHashMap<>(header);
        offCurve.put("epk", headers(epk, Map.of("x", Forge.b64(new byte[32]), "y", Forge.b64(filled(32, 1)))));
        assertRejected(validator(), Forge.withHeader(t, json(offCurve)), Reason.DECRYPTION_FAILED);

        Map<String, Object> noEpk = new LinkedHashMap<>(header);
        noEpk.remove("epk");
        assertRejected(validator(), Forge.withHeader(t, json(noEpk)), Reason.MALFORMED);

        Map<String, Object> stringEpk = new LinkedHashMap<>(header);
        stringEpk.put("epk", "P-256");
        assertRejected(validator(), Forge.withHeader(t, json(stringEpk)), Reason.MALFORMED);
    }

    @Test
    void validateWhenAesGcmKeyWrapParametersAreWrongThenMalformed() {
        String t = TokenIssuer.builder().encryptionKey(OCT).keyManagementAlgorithm("A256GCMKW").signingKey(SIG)
                .build().issue(claims());
        Map<String, Object> header = Forge.parse(Forge.headerJson(t));
        Map<String, Object> noTag = new LinkedHashMap<>(header);
        noTag.remove("tag");
        assertRejected(validator(), Forge.withHeader(t, json(noTag)), Reason.MALFORMED);
        Map<String, Object> shortIv = new LinkedHashMap<>(header);
        shortIv.put("iv", Forge.b64(new byte[8]));
        assertRejected(validator(), Forge.withHeader(t, json(shortIv)), Reason.MALFORMED);
    }

    @Test
    void validateWhenDirectKeyDoesNotFitContentEncryptionThenUnknownKey() {
        String t = Forge.dirA256Gcm(OCT.key(), "{\"alg\":\"dir\",\"enc\":\"A128GCM\"}", signed(json(claims())));
        assertRejected(validator(), t, Reason.UNKNOWN_KEY);
    }

    // ---------------------------------------------------------------- segment surgery

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] flip(byte[] b, int i) {
        byte[] out = b.clone();
        out[i] ^= 1;
        return out;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "tag truncated to 15 bytes, MALFORMED",
        "tag extended to 17 bytes, MALFORMED",
        "tag empty, MALFORMED",
        "tag moved into the ciphertext, MALFORMED",
        "tag shifted by one ciphertext byte, DECRYPTION_FAILED",
        "tag byte flipped, DECRYPTION_FAILED",
        "iv and tag swapped, MALFORMED",
        "iv empty, MALFORMED",
        "iv of 11 bytes, MALFORMED",
        "iv of 13 bytes, MALFORMED",
        "iv of 16 bytes, MALFORMED",
        "iv byte flipped, DECRYPTION_FAILED",
        "ciphertext empty, MALFORMED",
        "ciphertext byte flipped, DECRYPTION_FAILED",
        "encrypted key empty, MALFORMED",
        "encrypted key truncated, DECRYPTION_FAILED",
        "encrypted key byte flipped, DECRYPTION_FAILED"
    })
    void validateWhenCiphertextPartsTamperedThenRejected(String surgery, Reason expected) {
        String[] s = Forge.segments(token());
        byte[] key = Forge.unb64(s[1]);
        byte[] iv = Forge.unb64(s[2]);
        byte[] ct = Forge.unb64(s[3]);
        byte[] tag = Forge.unb64(s[4]);
        byte[][] out = switch (surgery) {
            case "tag truncated to 15 bytes" -> new byte[][] {key, iv, ct, Arrays.copyOf(tag, 15)};
            case "tag extended to 17 bytes" -> new byte[][] {key, iv, ct, Arrays.copyOf(tag, 17)};
            case "tag empty" -> new byte[][] {key, iv, ct, new byte[0]};
            case "tag moved into the ciphertext" -> new byte[][] {key, iv, concat(ct, tag), new byte[0]};
            case "tag shifted by one ciphertext byte" -> new byte[][] {key, iv, Arrays.copyOf(ct, ct.length - 1),
                concat(new byte[] {ct[ct.length - 1]}, Arrays.copyOf(tag, 15))};
            case "tag byte flipped" -> new byte[][] {key, iv, ct, flip(tag, 7)};
            case "iv and tag swapped" -> new byte[][] {key, tag, ct, iv};
            case "iv empty" -> new byte[][] {key, new byte[0], ct, tag};
            case "iv of 11 bytes" -> new byte[][] {key, Arrays.copyOf(iv, 11), ct, tag};
            case "iv of 13 bytes" -> new byte[][] {key, Arrays.copyOf(iv, 13), ct, tag};
            case "iv of 16 bytes" -> new byte[][] {key, Arrays.copyOf(iv, 16), ct, tag};
            case "iv byte flipped" -> new byte[][] {key, flip(iv, 0), ct, tag};
            case "ciphertext empty" -> new byte[][] {key, iv, new byte[0], tag};
            case "ciphertext byte flipped" -> new byte[][] {key, iv, flip(ct, ct.length / 2), tag};
            case "encrypted key empty" -> new byte[][] {new byte[0], iv, ct, tag};
            case "encrypted key truncated" -> new byte[][] {Arrays.copyOf(key, 255), iv, ct, tag};
            case "encrypted key byte flipped" -> new byte[][] {flip(key, 100), iv, ct, tag};
            default -> throw new IllegalArgumentException(surgery);
        };
        String t = Forge.join(s[0], Forge.b64(out[0]), Forge.b64(out[1]), Forge.b64(out[2]), Forge.b64(out[3]));
        assertRejected(validator(), t, expected);
    }

    @Test
    void validateWhenCbcIvOrFullHmacTagThenMalformed() {
        String[] s = Forge.segments(UNALIGNED);
        String gcmSizedIv = Forge.b64(Arrays.copyOf(Forge.unb64(s[2]), 12));
        assertRejected(validator(), Forge.withSegment(UNALIGNED, 2, gcmSizedIv), Reason.MALFORMED);
        String untruncatedTag = Forge.b64(Arrays.copyOf(Forge.unb64(s[4]), 32));
        assertRejected(validator(), Forge.withSegment(UNALIGNED, 4, untruncatedTag), Reason.MALFORMED);
    }

    @Test
    void validateWhenDirectTokenCarriesEncryptedKeyThenMalformed() {
        String t = Forge.dirA256Gcm(OCT.key(), "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}", signed(json(claims())));
        assertRejected(validator(), Forge.withSegment(t, 1, Forge.b64(new byte[32])), Reason.MALFORMED);
    }

    // ---------------------------------------------------------------- compact form and base64url

    static Stream<Arguments> nonCanonicalSegments() {
        List<String> kinds = List.of("non-zero trailing bits", "padding", "plus", "slash", "space", "tab", "newline",
                "carriage return", "non-ASCII letter", "length 1 mod 4");
        return Stream.iterate(0, i -> i + 1).limit(5).flatMap(i -> kinds.stream().map(k -> Arguments.of(i, k)));
    }

    private static String replaceFirst(String s, char from, char to) {
        int i = s.indexOf(from);
        return i >= 0 ? s.substring(0, i) + to + s.substring(i + 1) : to + s.substring(1);
    }

    private static String insertMiddle(String s, String what) {
        return s.substring(0, s.length() / 2) + what + s.substring(s.length() / 2);
    }

    @ParameterizedTest(name = "segment {0}: {1}")
    @MethodSource("nonCanonicalSegments")
    void validateWhenSegmentIsNotStrictBase64UrlThenMalformed(int segment, String kind) {
        String seg = Forge.segments(UNALIGNED)[segment];
        int rem = seg.length() % 4;
        String bad = switch (kind) {
            case "non-zero trailing bits" -> {
                char last = seg.charAt(seg.length() - 1);
                String s = seg.substring(0, seg.length() - 1) + ALPHABET.charAt(ALPHABET.indexOf(last) | 1);
                // To a lenient decoder the altered text means the very same bytes.
                assertThat(Forge.unb64(s)).isEqualTo(Forge.unb64(seg));
                yield s;
            }
            case "padding" -> seg + "=".repeat(4 - rem);
            case "plus" -> replaceFirst(seg, '-', '+');
            case "slash" -> replaceFirst(seg, '_', '/');
            case "space" -> insertMiddle(seg, " ");
            case "tab" -> insertMiddle(seg, "\t");
            case "newline" -> insertMiddle(seg, "\n");
            case "carriage return" -> insertMiddle(seg, "\r\n");
            case "non-ASCII letter" -> insertMiddle(seg, "\u0410");
            case "length 1 mod 4" -> seg + "A".repeat(5 - rem);
            default -> throw new IllegalArgumentException(kind);
        };
        assertThat(bad).isNotEqualTo(seg);
        assertRejected(validator(), Forge.withSegment(UNALIGNED, segment, bad), Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", "\t", "\r\n", "\u00a0"})
    void validateWhenTokenSurroundedByWhitespaceThenMalformed(String ws) {
        assertRejected(validator(), ws + token(), Reason.MALFORMED);
        assertRejected(validator(), token() + ws, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 6, 7})
    void validateWhenSegmentCountIsNotFiveThenMalformed(int count) {
        List<String> s = new ArrayList<>(List.of(Forge.segments(token())));
        while (s.size() > count) {
            s.remove(s.size() - 1);
        }
        while (s.size() < count) {
            s.add(s.get(3));
        }
        assertRejected(validator(), String.join(".", s), Reason.MALFORMED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"....", ".", "......", "AAAA.AAAA.AAAA.AAAA.AAAA", "Bearer x", "null"})
    void validateWhenTokenIsEmptyOrJunkThenMalformed(String junk) {
        assertRejected(validator(), junk, Reason.MALFORMED);
    }

    @Test
    void validateWhenTokenIsOneMegabyteThenTooLarge() {
        String base = token();
        String[] s = Forge.segments(base);
        String huge = Forge.join(s[0], s[1], s[2], s[3] + "A".repeat(ONE_MIB), s[4]);
        assertRejected(validator(), huge, Reason.TOKEN_TOO_LARGE);
        JweTokenValidator maxCap = builder().maxTokenLength(ONE_MIB).build();
        String justOver = Forge.join(s[0], s[1], s[2], s[3] + "A".repeat(ONE_MIB + 1 - base.length()), s[4]);
        assertThat(justOver).hasSize(ONE_MIB + 1);
        assertRejected(maxCap, justOver, Reason.TOKEN_TOO_LARGE);
    }

    // ---------------------------------------------------------------- protected header JSON

    @Test
    void validateWhenHeaderIsHundredThousandBracketsDeepThenMalformedWithoutStackOverflow() {
        String deep = "[".repeat(100_000);
        String t = Forge.dirA256Gcm(OCT.key(), deep, signed(json(claims())));
        assertRejected(builder().maxTokenLength(ONE_MIB).build(), t, Reason.MALFORMED);
        assertRejected(validator(), t, Reason.TOKEN_TOO_LARGE);
        // Deep but inside the header size cap: the depth check refuses it.
        String deepObject = "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"x\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}";
        assertRejected(validator(), Forge.dirA256Gcm(OCT.key(), deepObject, signed(json(claims()))), Reason.MALFORMED);
    }

    @Test
    void validateWhenClaimsAreHundredThousandBracketsDeepThenMalformedClaimsWithoutStackOverflow() {
        String deep = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertRejected(builder().maxTokenLength(ONE_MIB).build(), encrypted(signed(deep)), Reason.MALFORMED_CLAIMS);
    }

    static Stream<Arguments> hostileHeaderJson() {
        return Stream.of(
                "[]", "[{\"alg\":\"dir\",\"enc\":\"A256GCM\"}]", "\"dir\"", "null", "1", "true", "", " ", "{}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}x",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}{\"alg\":\"none\"}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"alg\":\"dir\"}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":\"oct-1\",\"kid\":\"enc-1\"}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"enc\":\"A128GCM\"}",
                "{'alg':'dir','enc':'A256GCM'}",
                "{alg:\"dir\",enc:\"A256GCM\"}",
                "\ufeff{\"alg\":\"dir\",\"enc\":\"A256GCM\"}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"x\":{\"y\":{\"z\":1}}}",
                "{\"alg\":1,\"enc\":\"A256GCM\"}",
                "{\"alg\":null,\"enc\":\"A256GCM\"}",
                "{\"alg\":\"dir\",\"enc\":[\"A256GCM\"]}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":{}}",
                "{\"alg\":\"dir\"}",
                "{\"enc\":\"A256GCM\"}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"x\":\"" + "a".repeat(3_000) + "\"}"
        ).map(h -> Arguments.of(h.length() > 80 ? h.substring(0, 80) + "..." : h, h));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileHeaderJson")
    void validateWhenProtectedHeaderIsNotAcceptableJsonThenMalformed(String name, String header) {
        assertRejected(validator(), Forge.dirA256Gcm(OCT.key(), header, signed(json(claims()))), Reason.MALFORMED);
    }

    static Stream<Arguments> nonUtf8Headers() {
        return Stream.of("ff", "80", "c0af", "e282", "eda080", "f4908080", "fe").map(hex -> Arguments.of(hex,
                HexFormat.of().parseHex(hex)));
    }

    @ParameterizedTest(name = "bytes {0}")
    @MethodSource("nonUtf8Headers")
    void validateWhenHeaderBytesAreNotUtf8ThenMalformed(String hex, byte[] bad) {
        byte[] prefix = "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"x\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] header = concat(concat(prefix, bad), "\"}".getBytes(StandardCharsets.UTF_8));
        assertRejected(validator(), Forge.dirA256Gcm(OCT.key(), header, signed(json(claims()))), Reason.MALFORMED);
    }

    @Test
    void validateWhenHeaderIsUtf16ThenMalformed() {
        byte[] header = "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.UTF_16);
        assertRejected(validator(), Forge.dirA256Gcm(OCT.key(), header, signed(json(claims()))), Reason.MALFORMED);
    }

    // ---------------------------------------------------------------- claims

    private static String obj(String... members) {
        return "{" + String.join(",", members) + "}";
    }

    static Stream<Arguments> hostileClaims() {
        return Stream.of(
                Arguments.of("expired", obj(ISS, AUD, SUB, IAT, "\"exp\":" + (NOW - 3600)), Reason.EXPIRED),
                Arguments.of("nbf ahead", obj(ISS, AUD, SUB, IAT, EXP, "\"nbf\":" + (NOW + 300)), Reason.NOT_YET_VALID),
                Arguments.of("iat ahead", obj(ISS, AUD, SUB, EXP, "\"iat\":" + (NOW + 300)), Reason.ISSUED_IN_FUTURE),
                Arguments.of("exp missing", obj(ISS, AUD, SUB, IAT), Reason.MISSING_CLAIM),
                Arguments.of("exp null", obj(ISS, AUD, SUB, IAT, "\"exp\":null"), Reason.MISSING_CLAIM),
                Arguments.of("exp 1e300", obj(ISS, AUD, SUB, IAT, "\"exp\":1e300"), Reason.MALFORMED_CLAIMS),
                Arguments.of("exp as string", obj(ISS, AUD, SUB, IAT, "\"exp\":\"" + (NOW + 600) + "\""),
                        Reason.MALFORMED_CLAIMS),
                Arguments.of("exp negative", obj(ISS, AUD, SUB, IAT, "\"exp\":-1"), Reason.MALFORMED_CLAIMS),
                Arguments.of("exp beyond long", obj(ISS, AUD, SUB, IAT, "\"exp\":99999999999999999999"),
                        Reason.MALFORMED_CLAIMS),
                Arguments.of("exp boolean", obj(ISS, AUD, SUB, IAT, "\"exp\":true"), Reason.MALFORMED_CLAIMS),
                Arguments.of("exp array", obj(ISS, AUD, SUB, IAT, "\"exp\":[" + (NOW + 600) + "]"),
                        Reason.MALFORMED_CLAIMS),
                Arguments.of("nbf as string", obj(ISS, AUD, SUB, IAT, EXP, "\"nbf\":\"now\""), Reason.MALFORMED_CLAIMS),
                Arguments.of("wrong iss", obj("\"iss\":\"https://evil.test\"", AUD, SUB, IAT, EXP),
                        Reason.INVALID_ISSUER),
                Arguments.of("iss with trailing slash", obj("\"iss\":\"" + TestKeys.ISSUER + "/\"", AUD, SUB, IAT, EXP),
                        Reason.INVALID_ISSUER),
                Arguments.of("iss missing", obj(AUD, SUB, IAT, EXP), Reason.INVALID_ISSUER),
                Arguments.of("iss as number", obj("\"iss\":1", AUD, SUB, IAT, EXP), Reason.MALFORMED_CLAIMS),
                Arguments.of("wrong aud", obj(ISS, "\"aud\":\"api://other\"", SUB, IAT, EXP), Reason.INVALID_AUDIENCE),
                Arguments.of("aud list without ours", obj(ISS, "\"aud\":[\"api://a\",\"api://b\"]", SUB, IAT, EXP),
                        Reason.INVALID_AUDIENCE),
                Arguments.of("aud missing", obj(ISS, SUB, IAT, EXP), Reason.INVALID_AUDIENCE),
                Arguments.of("aud list with a number", obj(ISS, "\"aud\":[\"" + TestKeys.AUDIENCE + "\",1]", SUB, IAT,
                        EXP), Reason.MALFORMED_CLAIMS),
                Arguments.of("aud object", obj(ISS, "\"aud\":{}", SUB, IAT, EXP), Reason.MALFORMED_CLAIMS),
                Arguments.of("sub as number", obj(ISS, AUD, "\"sub\":7", IAT, EXP), Reason.MALFORMED_CLAIMS),
                Arguments.of("duplicate sub", obj(ISS, AUD, SUB, IAT, EXP, "\"sub\":\"admin\""), Reason.MALFORMED_CLAIMS),
                Arguments.of("duplicate exp", obj(ISS, AUD, SUB, IAT, EXP, "\"exp\":" + (NOW + 99_999)),
                        Reason.MALFORMED_CLAIMS),
                Arguments.of("claims an array", "[" + obj(ISS, AUD, SUB, IAT, EXP) + "]", Reason.MALFORMED_CLAIMS),
                Arguments.of("claims a string", "\"alice\"", Reason.MALFORMED_CLAIMS),
                Arguments.of("claims empty", "", Reason.MALFORMED_CLAIMS),
                Arguments.of("trailing data", obj(ISS, AUD, SUB, IAT, EXP) + "x", Reason.MALFORMED_CLAIMS),
                Arguments.of("17 levels deep", obj(ISS, AUD, SUB, IAT, EXP, "\"x\":" + "[".repeat(17) + "]".repeat(17)),
                        Reason.MALFORMED_CLAIMS));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("hostileClaims")
    void validateWhenClaimsAreNotAcceptableThenRejected(String name, String claimsJson, Reason expected) {
        assertRejected(validator(), encrypted(signed(claimsJson)), expected);
    }

    @Test
    void validateWhenRequiredClaimMissingThenMissingClaim() {
        assertRejected(builder().requiredClaims(List.of("jti", "tenant")).build(), token(), Reason.MISSING_CLAIM);
    }

    @ParameterizedTest(name = "{0} at now{1}s -> {2}")
    @CsvSource({"exp, -30, EXPIRED", "nbf, 31, NOT_YET_VALID", "iat, 31, ISSUED_IN_FUTURE"})
    void validateWhenTimeClaimAtSkewBoundaryThenRejected(String claim, long offset, Reason expected) {
        Map<String, Object> c = claims();
        c.put(claim, NOW + offset);
        assertRejected(validator(), token(c), expected);
    }

    @ParameterizedTest(name = "{0} at now{1}s")
    @CsvSource({"exp, -29", "nbf, 30", "iat, 30"})
    void validateWhenTimeClaimOneSecondInsideSkewThenAccepted(String claim, long offset) throws Exception {
        Map<String, Object> c = claims();
        c.put(claim, NOW + offset);
        assertAccepted(validator(), token(c));
    }

    @Test
    void validateWhenNoClockSkewThenExpiresExactlyAtExp() throws Exception {
        JweTokenValidator strict = builder().clockSkew(Duration.ZERO).build();
        Map<String, Object> c = claims();
        c.put("exp", NOW);
        assertRejected(strict, token(c), Reason.EXPIRED);
        c.put("exp", NOW + 1);
        assertAccepted(strict, token(c));
    }

    @Test
    void validateWhenLifetimeOverMaximumThenLifetimeTooLong() throws Exception {
        JweTokenValidator v = builder().maxLifetime(Duration.ofMinutes(5)).build();
        assertRejected(v, token(), Reason.LIFETIME_TOO_LONG);
        Map<String, Object> noIat = claims();
        noIat.remove("iat");
        noIat.put("exp", NOW + 301);
        assertRejected(v, token(noIat), Reason.LIFETIME_TOO_LONG);
        Map<String, Object> exactly = claims();
        exactly.put("exp", NOW + 300);
        assertAccepted(v, token(exactly));
    }

    // ---------------------------------------------------------------- token type

    private JweTokenValidator accessTokenValidator() {
        return builder().tokenType("at+jwt").build();
    }

    private static String typed(String typ) {
        return TokenIssuer.builder().encryptionKey(RSA_ENC).signingKey(SIG).type(typ).build().issue(claims());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "application/jwt", "at+jwt+x", "at+jw", "id_token+jwt", "application/"})
    void validateWhenTypeIsNotAccessTokenThenInvalidType(String typ) {
        assertRejected(accessTokenValidator(), typed(typ), Reason.INVALID_TYPE);
    }

    @Test
    void validateWhenTypeMissingOrNotAStringThenInvalidType() {
        assertRejected(accessTokenValidator(), token(), Reason.INVALID_TYPE);
        assertRejected(accessTokenValidator(), encrypted(signed(json(claims()), Map.of("typ", 1))), Reason.INVALID_TYPE);
    }

    @ParameterizedTest
    @CsvSource({"RSA-OAEP-256, enc-1", "ECDH-ES+A256KW, ec-1"})
    void validateWhenOnlyPublicKeyJweHeaderSaysAccessTokenThenInvalidType(String alg, String kid) {
        // Anyone with the public key can wrap a signed JWT without typ (an ID token, say) in a JWE
        // whose header claims at+jwt: that header proves nothing about the signed content.
        KeyEntry key = alg.startsWith("RSA") ? RSA_ENC : EC_ENC;
        String t = Forge.jwe(signed(json(claims())), alg, "A256GCM", key.publicKey().orElseThrow(),
                Map.of("kid", kid, "cty", "JWT", "typ", "at+jwt"));
        assertRejected(accessTokenValidator(), t, Reason.INVALID_TYPE);
    }

    @Test
    void validateWhenSymmetricJweHeaderSaysAccessTokenThenAccepted() throws Exception {
        // Under dir the JWE header is authenticated by the holder of the shared key.
        String t = Forge.jwe(signed(json(claims())), "dir", "A256GCM", OCT.key(), Map.of("cty", "JWT", "typ", "at+jwt"));
        assertAccepted(accessTokenValidator(), t);
        String unsigned = Forge.jwe(json(claims()), "dir", "A256GCM", OCT.key(), Map.of("typ", "at+jwt"));
        assertAccepted(builder().tokenType("at+jwt").allowUnsignedWithSymmetricKeyManagement().build(), unsigned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "application/at+jwt", "AT+JWT", "Application/At+Jwt"})
    void validateWhenTypeIsAccessTokenThenAccepted(String typ) throws Exception {
        assertAccepted(accessTokenValidator(), typed(typ));
    }
}
