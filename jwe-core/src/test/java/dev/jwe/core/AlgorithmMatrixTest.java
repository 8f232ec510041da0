package dev.jwe.core;

import static dev.jwe.core.TestTokens.issue;
import static dev.jwe.core.TestTokens.privateJwk;
import static dev.jwe.core.TestTokens.rejection;
import static dev.jwe.core.TestTokens.withKid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jwe.core.internal.Algorithms;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips {@link TokenIssuer} -> {@link JweTokenValidator} for every supported key management,
 * content encryption and inner signature algorithm, and key selection by {@code kid}.
 */
class AlgorithmMatrixTest {
    private static final KeyEntry RSA = TestKeys.rsa("rsa", 2048);
    private static final Map<String, KeyEntry> EC = Map.of(
            "P-256", TestKeys.ec("ec-256", "P-256"),
            "P-384", TestKeys.ec("ec-384", "P-384"),
            "P-521", TestKeys.ec("ec-521", "P-521"));
    private static final Map<Integer, KeyEntry> OCT = Map.of(
            16, TestKeys.oct("oct-16", 16), 24, TestKeys.oct("oct-24", 24), 32, TestKeys.oct("oct-32", 32),
            48, TestKeys.oct("oct-48", 48), 64, TestKeys.oct("oct-64", 64));
    private static final KeyEntry SIG = TestKeys.rsa("sig", 2048);
    private static final List<String> ENCRYPTION = Algorithms.CONTENT_ENCRYPTION;

    static Stream<Arguments> keyManagementTimesContentEncryption() {
        List<Arguments> out = new ArrayList<>();
        for (String enc : ENCRYPTION) {
            out.add(arguments("RSA-OAEP-256", RSA, enc));
            out.add(arguments("RSA-OAEP", RSA, enc));
            for (String curve : List.of("P-256", "P-384", "P-521")) {
                for (String alg : List.of("ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW")) {
                    out.add(arguments(alg, EC.get(curve), enc));
                }
            }
            for (int bits : List.of(128, 192, 256)) {
                out.add(arguments("A" + bits + "KW", OCT.get(bits / 8), enc));
                out.add(arguments("A" + bits + "GCMKW", OCT.get(bits / 8), enc));
            }
            out.add(arguments("dir", OCT.get(Algorithms.cekBytes(enc)), enc));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("keyManagementTimesContentEncryption")
    void validateWhenKeyManagementAndContentEncryptionThenRoundTrips(String alg, KeyEntry key, String enc)
            throws Exception {
        JweTokenValidator.Builder b = TestTokens.validator(KeySource.of(key), KeySource.of(TestKeys.publicOnly(SIG)));
        if (alg.equals("RSA-OAEP")) {
            b.keyManagementAlgorithms(List.of("RSA-OAEP"));
        }
        // Everything else relies on the allow-lists derived from the key.
        VerifiedToken t = b.build().validate(issue(key, alg, enc, SIG, "RS256"));

        assertThat(t.subject()).contains("alice");
        assertThat(t.metadata().keyId()).isEqualTo(key.kid().orElseThrow());
        assertThat(t.metadata().keyManagementAlgorithm()).isEqualTo(alg);
        assertThat(t.metadata().contentEncryptionAlgorithm()).isEqualTo(enc);
    }

    static Stream<Arguments> signatures() {
        KeyEntry ed = TestKeys.ed25519("ed");
        return Stream.of(
                arguments("RS256", SIG), arguments("RS384", SIG), arguments("RS512", SIG),
                arguments("PS256", SIG), arguments("PS384", SIG), arguments("PS512", SIG),
                arguments("ES256", EC.get("P-256")), arguments("ES384", EC.get("P-384")),
                arguments("ES512", EC.get("P-521")),
                arguments("HS256", OCT.get(32)), arguments("HS384", OCT.get(48)), arguments("HS512", OCT.get(64)),
                arguments("EdDSA", ed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatures")
    void validateWhenInnerSignatureAlgorithmThenRoundTrips(String sigAlg, KeyEntry signer) throws Exception {
        KeyEntry verification = signer.isSymmetric() ? signer : TestKeys.publicOnly(signer);
        JweTokenValidator v = TestTokens.validator(KeySource.of(RSA), KeySource.of(verification)).build();

        VerifiedToken t = v.validate(issue(RSA, "RSA-OAEP-256", "A256GCM", signer, sigAlg));

        assertThat(t.metadata().signatureAlgorithm()).isEqualTo(sigAlg);
        assertThat(t.metadata().signingKeyId()).isEqualTo(signer.kid().orElseThrow());
        assertThat(t.issuer()).contains(TestKeys.ISSUER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatures")
    void validateWhenInnerSignatureMadeByAnotherKeyOfSameKidThenInvalidSignature(String sigAlg, KeyEntry signer) {
        KeyEntry verification = signer.isSymmetric() ? signer : TestKeys.publicOnly(signer);
        JweTokenValidator v = TestTokens.validator(KeySource.of(RSA), KeySource.of(verification)).build();
        String kid = signer.kid().orElseThrow();
        KeyEntry impostor = switch (sigAlg.substring(0, 2)) {
            case "RS", "PS" -> TestKeys.rsa(kid, 2048);
            case "ES" -> TestKeys.ec(kid, Algorithms.curveName((ECKey) signer.key()));
            case "HS" -> TestKeys.oct(kid, 64);
            default -> TestKeys.ed25519(kid);
        };
        assertThat(rejection(v, issue(RSA, "RSA-OAEP-256", "A256GCM", impostor, sigAlg)))
                .isEqualTo(Reason.INVALID_SIGNATURE);
    }

    // --- key selection ---------------------------------------------------------------------

    @Test
    void validateWhenSeveralKeysActiveThenTokenForEachKidValidates() throws Exception {
        KeyEntry rsaOld = TestKeys.rsa("2025-12", 2048);
        KeyEntry rsaNew = TestKeys.rsa("2026-01", 2048);
        KeyEntry ec = EC.get("P-384");
        KeyEntry sigOld = TestKeys.ec("sig-2025", "P-256");
        KeyEntry sigNew = TestKeys.ec("sig-2026", "P-256");
        JweTokenValidator v = TestTokens.validator(KeySource.of(rsaOld, rsaNew, ec),
                KeySource.of(TestKeys.publicOnly(sigOld), TestKeys.publicOnly(sigNew))).build();

        for (KeyEntry enc : List.of(rsaOld, rsaNew, ec)) {
            for (KeyEntry sig : List.of(sigOld, sigNew)) {
                String alg = enc == ec ? "ECDH-ES+A256KW" : "RSA-OAEP-256";
                TokenMetadata m = v.validate(issue(enc, alg, "A256GCM", sig, "ES256")).metadata();
                assertThat(m.keyId()).isEqualTo(enc.kid().orElseThrow());
                assertThat(m.signingKeyId()).isEqualTo(sig.kid().orElseThrow());
            }
        }
    }

    @Test
    void validateWhenTokenHasNoKidThenFittingKeyFound() throws Exception {
        KeyEntry rsaA = TestKeys.rsa("a", 2048);
        KeyEntry rsaB = TestKeys.rsa("b", 2048);
        KeyEntry ec = EC.get("P-256");
        KeyEntry oct = OCT.get(32);
        JweTokenValidator v = TestTokens.validator(KeySource.of(rsaA, oct, ec, rsaB),
                KeySource.of(TestKeys.publicOnly(SIG))).build();
        KeyEntry anonymousSigner = withKid(SIG, null);

        assertThat(v.validate(issue(withKid(rsaB, null), "RSA-OAEP-256", "A256GCM", anonymousSigner, "RS256"))
                .metadata().keyId()).isNull();
        assertThat(v.validate(issue(withKid(rsaA, null), "RSA-OAEP-256", "A256GCM", anonymousSigner, "RS256")))
                .isNotNull();
        assertThat(v.validate(issue(withKid(ec, null), "ECDH-ES", "A128GCM", anonymousSigner, "RS256"))).isNotNull();
        assertThat(v.validate(issue(withKid(oct, null), "A256KW", "A128CBC-HS256", anonymousSigner, "RS256")))
                .isNotNull();
    }

    @Test
    void validateWhenKidNamesKeyOfWrongTypeThenUnknownKey() {
        KeyEntry rsa = TestKeys.rsa("k-rsa", 2048);
        KeyEntry ec = EC.get("P-256");
        KeyEntry oct16 = OCT.get(16);
        JweTokenValidator v = TestTokens.validator(KeySource.of(rsa, ec, oct16), KeySource.of(TestKeys.publicOnly(SIG)))
                .keyManagementAlgorithms(List.of("RSA-OAEP-256", "ECDH-ES", "A128KW", "A256KW")).build();

        assertThat(rejection(v, issue(withKid(ec, "k-rsa"), "ECDH-ES", "A256GCM", SIG, "RS256")))
                .as("EC token naming the RSA key").isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(v, issue(withKid(rsa, "ec-256"), "RSA-OAEP-256", "A256GCM", SIG, "RS256")))
                .as("RSA token naming the EC key").isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(v, issue(withKid(EC.get("P-384"), "ec-256"), "ECDH-ES", "A256GCM", SIG, "RS256")))
                .as("P-384 ephemeral key naming the P-256 key").isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(v, issue(withKid(OCT.get(32), "oct-16"), "A256KW", "A256GCM", SIG, "RS256")))
                .as("A256KW naming the 128-bit key").isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(v, issue(withKid(rsa, "nobody"), "RSA-OAEP-256", "A256GCM", SIG, "RS256")))
                .as("unknown kid").isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenInnerKidNamesKeyOfWrongTypeThenUnknownKey() {
        KeyEntry ecSigner = EC.get("P-256");
        JweTokenValidator v = TestTokens.validator(KeySource.of(RSA),
                KeySource.of(TestKeys.publicOnly(SIG), TestKeys.publicOnly(ecSigner))).build();

        assertThat(rejection(v, issue(RSA, "RSA-OAEP-256", "A256GCM", withKid(SIG, "ec-256"), "RS256")))
                .isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(v, issue(RSA, "RSA-OAEP-256", "A256GCM", withKid(ecSigner, "sig"), "ES256")))
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenJwkUseIsSigThenKeyNeverDecrypts() throws Exception {
        KeyEntry key = TestKeys.rsa("k", 2048);
        KeySource sigOnly = KeySource.load(privateJwk(key, "sig", null, null), null);
        KeySource encOnly = KeySource.load(privateJwk(key, "enc", null, null), null);
        JweTokenValidator refusing = TestTokens.validator(sigOnly, KeySource.of(SIG)).build();
        JweTokenValidator accepting = TestTokens.validator(encOnly, KeySource.of(SIG)).build();
        String withKid = issue(key, "RSA-OAEP-256", "A256GCM", SIG, "RS256");
        String withoutKid = issue(withKid(key, null), "RSA-OAEP-256", "A256GCM", SIG, "RS256");

        assertThat(rejection(refusing, withKid)).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rejection(refusing, withoutKid)).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(accepting.validate(withKid)).isNotNull();
        assertThat(accepting.validate(withoutKid)).isNotNull();
    }

    @Test
    void validateWhenJwkKeyOpsExcludeDecryptionThenKeyNeverDecrypts() throws Exception {
        KeyEntry key = TestKeys.ec("k", "P-256");
        String token = issue(key, "ECDH-ES+A128KW", "A256GCM", SIG, "RS256");

        JweTokenValidator signOnly = TestTokens.validator(
                KeySource.load(privateJwk(key, null, List.of("sign", "verify"), null), null), KeySource.of(SIG)).build();
        JweTokenValidator derive = TestTokens.validator(
                KeySource.load(privateJwk(key, null, List.of("deriveKey"), null), null), KeySource.of(SIG)).build();

        assertThat(rejection(signOnly, token)).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(derive.validate(token)).isNotNull();
    }

    @Test
    void validateWhenJwkAlgRestrictsKeyThenOtherAlgorithmFindsNoKey() throws Exception {
        KeyEntry key = TestKeys.rsa("k", 2048);
        JweTokenValidator v = TestTokens.validator(KeySource.load(privateJwk(key, "enc", null, "RSA-OAEP"), null),
                KeySource.of(SIG)).keyManagementAlgorithms(List.of("RSA-OAEP", "RSA-OAEP-256")).build();

        assertThat(v.validate(issue(key, "RSA-OAEP", "A256GCM", SIG, "RS256"))).isNotNull();
        assertThat(rejection(v, issue(key, "RSA-OAEP-256", "A256GCM", SIG, "RS256"))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenVerificationJwkRestrictedThenRestrictionHonoured() throws Exception {
        KeyEntry signer = TestKeys.rsa("s", 2048);
        KeyEntry pub = TestKeys.publicOnly(signer);
        String rs256 = issue(RSA, "RSA-OAEP-256", "A256GCM", signer, "RS256");
        String ps256 = issue(RSA, "RSA-OAEP-256", "A256GCM", signer, "PS256");

        JweTokenValidator useEnc = TestTokens.validator(KeySource.of(RSA),
                KeySource.load(privateJwk(pub, "enc", null, null), null)).signatureAlgorithms(List.of("RS256")).build();
        JweTokenValidator opsVerify = TestTokens.validator(KeySource.of(RSA),
                KeySource.load(privateJwk(pub, null, List.of("verify"), null), null)).build();
        JweTokenValidator opsEncrypt = TestTokens.validator(KeySource.of(RSA),
                KeySource.load(privateJwk(pub, null, List.of("encrypt"), null), null)).build();
        JweTokenValidator algRs256 = TestTokens.validator(KeySource.of(RSA),
                KeySource.load(privateJwk(pub, "sig", null, "RS256"), null))
                .signatureAlgorithms(List.of("RS256", "PS256")).build();

        assertThat(rejection(useEnc, rs256)).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(opsVerify.validate(rs256)).isNotNull();
        assertThat(rejection(opsEncrypt, rs256)).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(algRs256.validate(rs256)).isNotNull();
        assertThat(rejection(algRs256, ps256)).isEqualTo(Reason.UNKNOWN_KEY);
    }
}
