package dev.jwe.core;

import static dev.jwe.core.Vectors.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.internal.JoseCrypto;
import dev.jwe.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RFC 7520 (JOSE Cookbook) JWE examples against {@link JweTokenValidator}; vectors in
 * {@code src/test/resources/vectors/rfc7520} (see PROVENANCE.txt there).
 *
 * <p>The §5 examples encrypt a plain-text quote, not a signed JWT, so even a vector that decrypts
 * is rejected afterwards. "Decrypts" is shown twice: the validator's reason is one it only gives
 * after decryption, and the core's own crypto step yields the RFC's plaintext.
 */
class Rfc7520VectorsTest {
    private static final String JWE = "rfc7520/jwe/";

    /** The examples whose algorithms the core supports (RSA-OAEP listed explicitly, as it must be). */
    static Stream<String> decryptable() {
        return Stream.of(
                "5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json",
                "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
                "5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json",
                "5_6.direct_encryption_using_aes-gcm.json",
                "5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json",
                "5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decryptable")
    void validateWhenAlgorithmsAllowedThenDecryptsAndRejectsOnlyThePlainTextPayload(String file) {
        Map<String, Object> vector = Vectors.json(JWE + file);
        String alg = get(vector, "input", "alg");
        String enc = get(vector, "input", "enc");
        String plaintext = get(vector, "input", "plaintext");
        String compact = get(vector, "output", "compact");
        KeyEntry key = Vectors.key(get(vector, "input", "key"));

        JweTokenValidator validator = Vectors.allowExactly(key, alg, List.of(enc)).build();

        // The quote has four full stops, so it reads as five dot-separated segments: a JWE inside
        // the JWE, which is refused. That check runs only on a decrypted payload.
        assertThat(Vectors.rejection(validator, compact)).isEqualTo(Reason.INVALID_NESTING);
        assertThat(Vectors.decrypt(compact, alg, enc, key)).isEqualTo(plaintext);
    }

    @Test
    void validateWhenDirKeyNamesItsContentEncryptionAndNoAlgorithmsListedThenDecrypts() {
        // RFC 7520 §5.6 gives the dir key "alg": "A128GCM" (the algorithm the key is used with).
        // Without an explicit allow-list, the defaults derived from that key must allow dir.
        Map<String, Object> vector = Vectors.json(JWE + "5_6.direct_encryption_using_aes-gcm.json");
        KeyEntry key = Vectors.key(get(vector, "input", "key"));
        JweTokenValidator validator = Vectors.builder(key).allowUnsignedWithSymmetricKeyManagement().build();

        assertThat(Vectors.rejection(validator, get(vector, "output", "compact"))).isEqualTo(Reason.INVALID_NESTING);
    }

    @Test
    void validateWhenUnsignedClaimsUnderTheVectorKeyThenAcceptedOnlyWhenUnsignedAllowed() {
        // The §5.8 A128KW key, loaded from the vector, with claims instead of the quote: with
        // allowUnsignedWithSymmetricKeyManagement the token goes through decryption and the claims
        // checks to acceptance; without it, the same decrypted payload is refused as unsigned.
        Map<String, Object> vector = Vectors.json(JWE + "5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json");
        KeyEntry key = Vectors.key(get(vector, "input", "key"));
        String claims = Json.write(TestKeys.claims());
        String token = JoseCrypto.encrypt(claims, "A128KW", "A128GCM", key.key(), null,
                key.kid().orElseThrow(), null);

        JweTokenValidator unsignedAllowed = Vectors.allowExactly(key, "A128KW", List.of("A128GCM"))
                .allowUnsignedWithSymmetricKeyManagement().build();
        JweTokenValidator signatureRequired = Vectors.allowExactly(key, "A128KW", List.of("A128GCM")).build();

        assertThat(catchVerified(unsignedAllowed, token).subject()).contains("alice");
        assertThat(Vectors.rejection(signatureRequired, token)).isEqualTo(Reason.UNSIGNED);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json", Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of("5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json",
                        Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of("5_9.compressed_content.json", Reason.UNSUPPORTED_HEADER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void validateWhenRefusedAlgorithmOrZipThenRejectedEvenWithEverythingElseAllowed(String file, Reason expected) {
        Map<String, Object> vector = Vectors.json(JWE + file);
        JweTokenValidator validator = Vectors.everythingAllowed(keyOf(vector));

        assertThat(Vectors.rejection(validator, get(vector, "output", "compact"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA1_5", "PBES2-HS512+A256KW", "PBES2-HS256+A128KW", "PBES2-HS384+A192KW"})
    void buildWhenRefusedKeyManagementListedThenConfigurationExceptionNamesTheSetting(String alg) {
        Map<String, Object> vector = Vectors.json(JWE + "5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
        JweTokenValidator.Builder builder = Vectors.allowExactly(Vectors.key(get(vector, "input", "key")), alg,
                List.of("A128CBC-HS256"));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.setting()).isEqualTo("jwe.key-management-algorithms"));
    }

    static Stream<Arguments> jsonSerializations() {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of(
                "5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json",
                "5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json",
                "5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json",
                "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
                "5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json",
                "5_6.direct_encryption_using_aes-gcm.json",
                "5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json",
                "5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json",
                "5_9.compressed_content.json",
                "5_10.including_additional_authentication_data.json",
                "5_11.protecting_specific_header_fields.json",
                "5_12.protecting_content_only.json",
                "5_13.encrypting_to_multiple_recipients.json")) {
            Map<String, Object> output = get(Vectors.json(JWE + file), "output");
            for (String form : List.of("json", "json_flat")) {
                if (output.get(form) != null) {
                    out.add(Arguments.of(file + " " + form, Json.write(get(output, form))));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonSerializations")
    void validateWhenJsonSerializationThenRejectedAsMalformed(String name, String json) {
        // 5_10 .. 5_13 exist only in JSON serialization; the others are checked in JSON form too.
        // The key fits 5_8 and 5_10 .. 5_12 (A128KW): the form alone is what is refused.
        Map<String, Object> vector = Vectors.json(JWE + "5_10.including_additional_authentication_data.json");
        KeyEntry key = Vectors.key(get(vector, "input", "key"));
        JweTokenValidator validator = Vectors.allowExactly(key, "A128KW", List.of("A128GCM")).build();

        assertThat(Vectors.rejection(validator, json)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void validateWhenNestedJwtAtEvaluationTimeThenAccepted() {
        VerifiedToken token = catchVerified(nestedValidator(1_300_819_300L), nestedToken());

        assertThat(token.issuer()).contains("hobbiton.example");
        assertThat(token.principalName()).isEqualTo("hobbiton.example");
        assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_300_819_380L));
        assertThat(token.claim("http://example.com/is_root", Boolean.class)).contains(true);
        assertThat(token.metadata().keyManagementAlgorithm()).isEqualTo("RSA-OAEP");
        assertThat(token.metadata().contentEncryptionAlgorithm()).isEqualTo("A128GCM");
        assertThat(token.metadata().signatureAlgorithm()).isEqualTo("PS256");
    }

    @Test
    void validateWhenNestedJwtAfterExpiryAndSkewThenRejectedAsExpired() {
        // exp 1300819380 plus the default 30 s of skew.
        assertThat(Vectors.rejection(nestedValidator(1_300_819_410L), nestedToken())).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void validateWhenNestedJwtButOtherVerificationKeyThenRejectedAsInvalidSignature() {
        Map<String, Object> encrypt = get(Vectors.json("rfc7520/6.nesting_signatures_and_encryption.json"), "encrypt");
        KeyEntry key = Vectors.key(get(encrypt, "input", "key"));
        JweTokenValidator validator = Vectors.allowExactly(key, "RSA-OAEP", List.of("A128GCM"))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(TestKeys.rsa("other", 2048))))
                .signatureAlgorithms(List.of("PS256"))
                .build();

        // Without kid every fitting key is tried: a signature that no configured key verifies.
        assertThat(Vectors.rejection(validator, nestedToken())).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void validateWhenX25519EcdhEsVectorThenDecrypts() {
        // jose4j 0.9.6 on Java 17 supports X25519 (XDH) for ECDH-ES: the CFRG example decrypts.
        Map<String, Object> vector = Vectors.json("rfc7520/curve25519/ecdh-es.json");
        String compact = get(vector, "output", "compact");
        KeyEntry key = Vectors.key(get(vector, "input", "key"));
        JweTokenValidator validator = Vectors.allowExactly(key, "ECDH-ES", List.of("A128GCM")).build();

        assertThat(Vectors.rejection(validator, compact)).isEqualTo(Reason.INVALID_NESTING);
        assertThat(Vectors.decrypt(compact, "ECDH-ES", "A128GCM", key))
                .isEqualTo(get(vector, "input", "plaintext"));
    }

    /** The validator for §6: RSA-OAEP listed, PS256 key from the signing input, hobbiton issuer, no aud. */
    private static JweTokenValidator nestedValidator(long now) {
        Map<String, Object> vector = Vectors.json("rfc7520/6.nesting_signatures_and_encryption.json");
        return JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(Vectors.key(get(vector, "encrypt", "input", "key"))))
                .keyManagementAlgorithms(List.of("RSA-OAEP"))
                .verificationKeys(KeySource.of(Vectors.key(get(vector, "sign", "input", "key"))))
                .issuer("hobbiton.example")
                .ignoreAudience() // the example's claims carry no aud
                .principalClaim("iss") // nor a sub: without one, the default (sub) is MISSING_PRINCIPAL
                .clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC))
                .auditListener(AuditListener.NOOP)
                .build();
    }

    private static String nestedToken() {
        return get(Vectors.json("rfc7520/6.nesting_signatures_and_encryption.json"), "encrypt", "output", "compact");
    }

    private static VerifiedToken catchVerified(TokenValidator validator, String token) {
        try {
            return validator.validate(token);
        } catch (TokenRejectedException e) {
            throw new AssertionError("expected the token to be accepted, but it was rejected: " + e.reason());
        }
    }

    /** The vector's key; §5.3 has a password instead, used here as a secret key of its bytes. */
    private static KeyEntry keyOf(Map<String, Object> vector) {
        String pwd = get(vector, "input", "pwd");
        return pwd == null ? Vectors.key(get(vector, "input", "key"))
                : KeyEntry.of(null, new SecretKeySpec(pwd.getBytes(StandardCharsets.UTF_8), "AES"), null);
    }
}
