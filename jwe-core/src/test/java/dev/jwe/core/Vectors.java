package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.Compact;
import dev.jwe.core.internal.ContentCipher;
import dev.jwe.core.internal.Jca;
import dev.jwe.core.internal.KeyManagement;
import dev.jwe.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Shared plumbing for the public test-vector suites ({@link Rfc7520VectorsTest},
 * {@link WycheproofJweTest}): reading the vector resources (copied under
 * {@code src/test/resources/vectors/} with their LICENSE and PROVENANCE), turning their JWKs into
 * keys, and telling where in the pipeline a token was rejected.
 */
final class Vectors {
    /**
     * Reasons the pipeline only reaches after the JWE decrypted: the plaintext was there, it just
     * was not a signed JWT with valid claims. The vectors carry plain text ("foo", a Tolkien quote),
     * so a vector that decrypts ends here.
     */
    static final Set<Reason> AFTER_DECRYPTION = Set.of(Reason.UNSIGNED, Reason.INVALID_NESTING,
            Reason.MALFORMED_CLAIMS);

    /** Reasons given before or at decryption: form, header policy, key selection, the cipher itself. */
    static final Set<Reason> AT_OR_BEFORE_DECRYPTION = Set.of(Reason.TOKEN_TOO_LARGE, Reason.MALFORMED,
            Reason.UNSUPPORTED_ALGORITHM, Reason.UNSUPPORTED_HEADER, Reason.UNKNOWN_KEY, Reason.DECRYPTION_FAILED);

    /**
     * A verification key that signed nothing in any vector. A validator that requires signed
     * payloads cannot be built without one; the vectors' payloads are not signed anyway.
     */
    static final KeyEntry UNRELATED_VERIFIER = TestKeys.publicOnly(TestKeys.ec("unrelated-verifier", "P-256"));

    private Vectors() {
    }

    /** A JSON vector file under {@code vectors/} on the test class path. */
    static Map<String, Object> json(String resource) {
        String path = "vectors/" + resource;
        try (InputStream in = Vectors.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("test resource %s", path).isNotNull();
            return Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8), 32);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A member of a parsed JSON object, cast to what the vector format says it is. */
    @SuppressWarnings("unchecked")
    static <T> T get(Map<String, Object> json, String... path) {
        Object current = json;
        for (String name : path) {
            assertThat(current).as("JSON object holding %s", name).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(name);
        }
        return (T) current;
    }

    /** A vector's JSON array of objects. */
    static List<Map<String, Object>> objects(Map<String, Object> json, String... path) {
        return get(json, path);
    }

    /** A JWK from a vector, loaded through the core's own JWK reader (as a user's key file would be). */
    static KeyEntry key(Map<String, Object> jwk) {
        List<KeyEntry> keys = KeySource.load(Json.write(jwk), null).keys().all();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    /**
     * A builder with everything but keys and algorithms fixed: test issuer and audience (the
     * vectors never get as far as claims), the fixed test clock, no audit output.
     */
    static JweTokenValidator.Builder builder(KeyEntry decryptionKey) {
        return JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(decryptionKey))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP);
    }

    /**
     * Exactly one key management algorithm and the given content encryption algorithms, with
     * {@link #UNRELATED_VERIFIER} as the verification key (the builder requires one unless unsigned
     * payloads are allowed under symmetric key management).
     */
    static JweTokenValidator.Builder allowExactly(KeyEntry key, String alg, List<String> encs) {
        return builder(key)
                .keyManagementAlgorithms(List.of(alg))
                .contentEncryptionAlgorithms(encs)
                .verificationKeys(KeySource.of(UNRELATED_VERIFIER));
    }

    /**
     * As permissive as the builder allows: every supported algorithm, unsigned payloads under
     * symmetric key management, no issuer or audience check. What it still refuses, no
     * configuration accepts.
     */
    static JweTokenValidator everythingAllowed(KeyEntry key) {
        return JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(key))
                .keyManagementAlgorithms(Algorithms.KEY_MANAGEMENT)
                .contentEncryptionAlgorithms(Algorithms.CONTENT_ENCRYPTION)
                .verificationKeys(KeySource.of(UNRELATED_VERIFIER))
                .allowUnsignedWithSymmetricKeyManagement()
                .ignoreIssuer().ignoreAudience()
                .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP)
                .build();
    }

    /**
     * Validates a token that must not be accepted and returns why it was rejected. Fails when it is
     * accepted or when anything other than {@link TokenRejectedException} escapes.
     */
    static Reason rejection(TokenValidator validator, String token) {
        Throwable thrown = catchThrowable(() -> validator.validate(token));
        assertThat(thrown).as("the token must be rejected, and only with a TokenRejectedException")
                .isInstanceOf(TokenRejectedException.class);
        return ((TokenRejectedException) thrown).reason();
    }

    /**
     * Decrypts through the core's own crypto steps ({@link KeyManagement}, {@link ContentCipher}),
     * the calls the validator makes once its checks have passed, with the provider {@code auto}
     * chooses in this test run; {@code null} when decryption fails.
     */
    static String decrypt(String compact, String alg, String enc, KeyEntry key) {
        Compact jwe = Compact.parse(compact, 5);
        Map<String, Object> header = protectedHeader(compact).orElseThrow();
        Jca jca = CryptoProviderSelection.select(CryptoProviderSelection.AUTO);
        SecretKey cek = KeyManagement.contentKey(jca, jwe, header, alg, enc, key.key());
        byte[] plaintext = cek == null ? null : ContentCipher.decrypt(jca, jwe, enc, cek);
        return plaintext == null ? null : new String(plaintext, StandardCharsets.UTF_8);
    }

    /** The protected header of a compact JWE or JWS, if its first segment is strict base64url JSON. */
    static Optional<Map<String, Object>> protectedHeader(String compact) {
        int dot = compact.indexOf('.');
        Compact first = Compact.parse(dot < 0 ? compact : compact.substring(0, dot), 1);
        if (first == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.parseObjectStrict(new String(first.decode(0), StandardCharsets.UTF_8), 4));
        } catch (Json.BadJsonException e) {
            return Optional.empty();
        }
    }
}
