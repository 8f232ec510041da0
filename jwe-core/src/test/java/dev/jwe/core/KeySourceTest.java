package dev.jwe.core;

import static dev.jwe.core.TestCertificates.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KeySource#load(String, char[])} for every location kind, its failures, and public JWKS output. */
class KeySourceTest {
    private static final KeyEntry RSA = TestKeys.rsa("rsa-1", 2048);
    private static final KeyEntry EC = TestKeys.ec("ec-1", "P-256");
    private static final KeyEntry OCT = TestKeys.oct("oct-1", 32);
    private static final char[] PASSWORD = "store-pass-1".toCharArray();

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<KeyEntry> load(String locations) {
        return KeySource.load(locations, null).keys().all();
    }

    private static String thumbprint(PublicKey key) throws Exception {
        return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private static void assertSameKey(KeyEntry loaded, KeyEntry original) {
        assertThat(loaded.key().getEncoded()).isEqualTo(original.key().getEncoded());
        if (original.publicKey().isPresent()) {
            assertThat(loaded.publicKey().orElseThrow().getEncoded())
                    .isEqualTo(original.publicKey().get().getEncoded());
        }
    }

    private static String loadFailure(String locations, char[] password) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> KeySource.load(locations, password));
        assertThat(t).isInstanceOf(KeySourceException.class);
        return t.getMessage();
    }

    // --- JWK Sets -------------------------------------------------------------------------

    @Test
    void loadWhenJwksFileThenKeysWithKidsAndRestrictions() throws Exception {
        String jwks = "{\"keys\":[" + TestTokens.privateJwk(RSA, "enc", List.of("unwrapKey"), "RSA-OAEP-256") + ","
                + TestTokens.privateJwk(EC, null, null, null) + "," + TestTokens.privateJwk(OCT, null, null, null) + "]}";
        Path file = write("keys.jwks", jwks);

        for (String location : List.of(file.toString(), file.toUri().toString())) {
            List<KeyEntry> keys = load(location);
            assertThat(keys).extracting(k -> k.kid().orElseThrow()).containsExactly("rsa-1", "ec-1", "oct-1");
            assertSameKey(keys.get(0), RSA);
            assertThat(keys.get(0).isPrivate()).isTrue();
            assertThat(keys.get(0).use()).contains("enc");
            assertThat(keys.get(0).keyOps()).containsExactly("unwrapKey");
            assertThat(keys.get(0).algorithm()).contains("RSA-OAEP-256");
            assertSameKey(keys.get(1), EC);
            assertThat(keys.get(1).use()).isEmpty();
            assertSameKey(keys.get(2), OCT);
            assertThat(keys.get(2).isSymmetric()).isTrue();
        }
    }

    @Test
    void loadWhenJwksFileHoldsNoKeysThenFailsNamingFile() throws Exception {
        Path file = write("empty.json", "{\"keys\":[]}");
        assertThat(loadFailure(file.toString(), null)).contains("no keys", file.toString());
    }

    @Test
    void loadWhenInlineSingleJwkThenOneKey() {
        List<KeyEntry> keys = load("  " + TestTokens.privateJwk(EC, "enc", null, null) + "\n");
        assertThat(keys).hasSize(1);
        assertSameKey(keys.get(0), EC);
        assertThat(keys.get(0).use()).contains("enc");
    }

    @Test
    void loadWhenInlineJwkSetThenAllKeysInOrder() {
        List<KeyEntry> keys = load(TestTokens.privateJwks(OCT, RSA, EC));
        assertThat(keys).extracting(k -> k.kid().orElseThrow()).containsExactly("oct-1", "rsa-1", "ec-1");
        assertSameKey(keys.get(1), RSA);
    }

    @Test
    void loadWhenInlineJsonInvalidThenFailsWithoutEchoingIt() {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(OCT.key().getEncoded());
        for (String json : List.of("{\"kty\":\"oct\",\"k\":\"" + secret + "\"",
                "{\"kty\":\"XYZ\",\"k\":\"" + secret + "\"}",
                "{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + secret + "\"},{\"kty\":\"RSA\",\"d\":\"" + secret + "\"}]}")) {
            String message = loadFailure(json, null);
            assertThat(message).contains("inline JSON").doesNotContain(secret).doesNotContain("kty");
        }
    }

    @Test
    void loadWhenJwkSetHasOneBrokenKeyThenFailsNamingItsPositionInsteadOfDroppingIt() throws Exception {
        String broken = "{\"kty\":\"EC\",\"kid\":\"new\",\"crv\":\"P-256\",\"x\":\"AAAA\"}";
        Path file = write("rotated.jwks", "{\"keys\":[" + TestTokens.privateJwk(RSA, null, null, null) + "," + broken + "]}");
        assertThat(loadFailure(file.toString(), null)).contains("key #2", file.toString());
    }

    // --- classpath: -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"classpath:keys/test-only-public.jwks", "classpath:/keys/test-only-public.jwks"})
    void loadWhenClasspathResourceThenKeysLoaded(String location) {
        List<KeyEntry> keys = load(location);
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.kid()).contains("test-only-p256");
            assertThat(k.key()).isInstanceOf(ECPublicKey.class);
            assertThat(k.use()).contains("sig");
        });
    }

    @Test
    void loadWhenClasspathResourceMissingThenFailsNamingIt() {
        assertThat(loadFailure("classpath:keys/missing.jwks", null))
                .contains("not found", "classpath:keys/missing.jwks");
    }

    /** Runs with a context class loader that sees only {@link #dir}, so generated keys need no commit. */
    private <T> T withClasspath(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void loadWhenClasspathPrivateKeyResourceThenPrivateKeyLoaded() throws Exception {
        Files.createDirectories(dir.resolve("generated"));
        write("generated/decrypt.jwks", TestTokens.privateJwks(RSA));
        List<KeyEntry> keys = withClasspath(() -> load("classpath:generated/decrypt.jwks"));
        assertThat(keys).singleElement().satisfies(k -> assertSameKey(k, RSA));
    }

    @Test
    void loadWhenClasspathResourceLargerThan1MiBThenFailsNamingIt() throws Exception {
        write("big.jwks", "{\"keys\":[]}" + " ".repeat(2 * 1024 * 1024));
        String message = withClasspath(() -> loadFailure("classpath:big.jwks", null));
        assertThat(message).contains("1 MiB", "classpath:big.jwks");
    }

    // --- PEM ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "P-256", "P-384", "P-521"})
    void loadWhenPkcs8PrivateKeyPemThenPublicHalfDerivedAndThumbprintIsKid(String type) throws Exception {
        KeyEntry original = type.equals("RSA") ? RSA : TestKeys.ec("x", type);
        Path file = write("private.pem", pem("PRIVATE KEY", original.key().getEncoded()));

        KeyEntry loaded = load(file.toString()).get(0);

        assertThat(loaded.isPrivate()).isTrue();
        assertThat(loaded.key().getEncoded()).isEqualTo(original.key().getEncoded());
        assertThat(loaded.publicKey()).contains(original.publicKey().orElseThrow());
        assertThat(loaded.kid()).contains(thumbprint(original.publicKey().get()));
    }

    @Test
    void loadWhenPemPrivateKeyThenItDecryptsTokens() throws Exception {
        Path file = write("ec.key", pem("PRIVATE KEY", EC.key().getEncoded()));
        KeySource keys = KeySource.load(file.toString(), null);
        String kid = keys.keys().all().get(0).kid().orElseThrow();
        KeyEntry sig = TestKeys.rsa("s", 2048);
        JweTokenValidator v = TestTokens.validator(keys, KeySource.of(sig)).build();
        String token = TestTokens.issue(TestTokens.withKid(EC, kid), "ECDH-ES+A256KW", "A256GCM", sig, "RS256");
        assertThat(v.validate(token).metadata().keyId()).isEqualTo(kid);
    }

    @Test
    void loadWhenSpkiPublicKeysThenPublicEntries() throws Exception {
        Path file = write("public.pem", pem("PUBLIC KEY", RSA.publicKey().orElseThrow().getEncoded())
                + "some comment between blocks\n" + pem("PUBLIC KEY", EC.publicKey().orElseThrow().getEncoded()));

        List<KeyEntry> keys = load(file.toString());

        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).key()).isEqualTo(RSA.publicKey().get());
        assertThat(keys.get(0).isPrivate()).isFalse();
        assertThat(keys.get(0).kid()).contains(thumbprint(RSA.publicKey().get()));
        assertThat(keys.get(1).key()).isEqualTo(EC.publicKey().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cert.crt", "cert.cer", "cert.pem"})
    void loadWhenX509CertificateThenItsPublicKey(String name) throws Exception {
        X509Certificate cert = TestCertificates.selfSigned(RSA, "test-only");
        Path file = write(name, pem("CERTIFICATE", cert.getEncoded()));

        KeyEntry loaded = load(file.toString()).get(0);

        assertThat(loaded.key()).isEqualTo(RSA.publicKey().get());
        assertThat(loaded.kid()).contains(thumbprint(RSA.publicKey().get()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"})
    void loadWhenLegacyPemBlockThenFailsSayingConvertToPkcs8(String type) throws Exception {
        String body = Base64.getMimeEncoder().encodeToString(RSA.key().getEncoded());
        Path file = write("legacy.pem", pem(type, RSA.key().getEncoded()));

        String message = loadFailure(file.toString(), null);

        assertThat(message).contains(type, "PKCS#8", "openssl pkcs8", file.toString());
        assertThat(message).doesNotContain(body.substring(40, 80));
    }

    @Test
    void loadWhenUnknownPemBlockThenFailsNamingTypeAndFile() throws Exception {
        Path file = write("ssh.pem", pem("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThat(loadFailure(file.toString(), null)).contains("OPENSSH PRIVATE KEY", file.toString());
    }

    @Test
    void loadWhenPemBlockIsNotAKeyThenFailsWithoutEchoingIt() throws Exception {
        byte[] notDer = OCT.key().getEncoded();
        String body = Base64.getEncoder().encodeToString(notDer);
        for (String type : List.of("PRIVATE KEY", "PUBLIC KEY", "CERTIFICATE")) {
            Path file = write("broken.pem", pem(type, notDer));
            String message = loadFailure(file.toString(), null);
            assertThat(message).as(type).contains(file.toString()).doesNotContain(body.substring(0, 16));
        }
    }

    // --- PKCS#12 --------------------------------------------------------------------------

    private Path pkcs12(String name) {
        return TestCertificates.pkcs12(dir.resolve(name), PASSWORD, List.of(RSA, OCT),
                List.of(TestCertificates.selfSigned(EC, "trusted")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keys.p12", "keys.pfx", "keys.bin"})
    void loadWhenPkcs12WithPasswordThenEntriesByAlias(String name) throws Exception {
        Path file = pkcs12(name);

        List<KeyEntry> keys = KeySource.load(file.toString(), PASSWORD).keys().all();

        assertThat(keys).extracting(k -> k.kid().orElseThrow()).containsExactlyInAnyOrder("rsa-1", "oct-1", "trusted-1");
        KeySet set = KeySet.of(keys);
        assertSameKey(set.findOne("rsa-1").orElseThrow(), RSA);
        assertThat(set.findOne("oct-1").orElseThrow().key().getEncoded()).isEqualTo(OCT.key().getEncoded());
        assertThat(set.findOne("trusted-1").orElseThrow().key()).isEqualTo(EC.publicKey().get());
    }

    @Test
    void loadWhenPkcs12WrongPasswordThenFailsNamingFileNotPassword() throws Exception {
        Path file = pkcs12("keys.p12");
        String message = loadFailure(file.toString(), "wrong-pass-9".toCharArray());
        assertThat(message).contains(file.toString(), "wrong password").doesNotContain("wrong-pass-9")
                .doesNotContain(new String(PASSWORD));
    }

    @Test
    void loadWhenPkcs12WithoutPasswordThenFailsNamingPasswordSetting() throws Exception {
        Path file = pkcs12("keys.p12");
        assertThat(loadFailure(file.toString(), null)).contains("jwe.decryption.keystore-password", file.toString());
    }

    // --- several locations and failures ---------------------------------------------------

    @Test
    void loadWhenSeveralCommaSeparatedLocationsThenAllKeysInOrder() throws Exception {
        Path jwks = write("a.jwks", TestTokens.privateJwks(OCT));
        Path pemFile = write("b.pem", pem("PUBLIC KEY", EC.publicKey().orElseThrow().getEncoded()));
        Path p12 = pkcs12("c.p12");

        List<KeyEntry> keys = KeySource.load(" " + jwks + " ,, " + pemFile + "," + p12 + ",classpath:keys/test-only-public.jwks ",
                PASSWORD).keys().all();

        assertThat(keys).hasSize(6);
        assertThat(keys.get(0).kid()).contains("oct-1");
        assertThat(keys.get(1).key()).isEqualTo(EC.publicKey().get());
        assertThat(keys.subList(2, 5)).extracting(k -> k.kid().orElseThrow())
                .containsExactlyInAnyOrder("rsa-1", "oct-1", "trusted-1");
        assertThat(keys.get(5).kid()).contains("test-only-p256");
    }

    @Test
    void loadWhenOneOfSeveralLocationsMissingThenFailsNamingIt() throws Exception {
        Path jwks = write("a.jwks", TestTokens.privateJwks(OCT));
        Path missing = dir.resolve("missing.jwks");
        assertThat(loadFailure(jwks + "," + missing, null)).contains(missing.toString()).doesNotContain("a.jwks");
    }

    @Test
    void loadWhenFileMissingOrDirectoryThenFailsNamingIt() {
        Path missing = dir.resolve("nope.jwks");
        assertThat(loadFailure(missing.toString(), null)).contains("not found", missing.toString());
        assertThat(loadFailure(dir.toString(), null)).contains(dir.toString());
    }

    @Test
    void loadWhenRemoteUrlThenFailsNamingIt() {
        assertThat(loadFailure("https://idp.example/jwks.json", null)).contains("https://idp.example/jwks.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage.jwks", "garbage.json", "garbage.pem", "garbage.key"})
    void loadWhenGarbageFileThenFailsNamingFileAndFormat(String name) throws Exception {
        Path file = write(name, "this is not a key \u0000\u0001 at all");
        String message = loadFailure(file.toString(), null);
        assertThat(message).contains(file.toString())
                .contains(name.endsWith("json") || name.endsWith("jwks") ? "JWK" : "PEM")
                .doesNotContain("PKCS#12");
    }

    @Test
    void loadWhenGarbageFileOfUnknownTypeThenFailsNamingFile() throws Exception {
        Path file = write("garbage.dat", "this is not a key");
        assertThat(loadFailure(file.toString(), null)).contains(file.toString());
        assertThat(loadFailure(file.toString(), PASSWORD)).contains(file.toString(), "PKCS#12");
    }

    @Test
    void loadWhenFileLargerThan1MiBThenFailsNamingIt() throws Exception {
        Path file = dir.resolve("huge.jwks");
        Files.write(file, new byte[2 * 1024 * 1024]);
        assertThat(loadFailure(file.toString(), null)).contains("1 MiB", file.toString());
    }

    // --- publishing and printing ----------------------------------------------------------

    @Test
    void toPublicJwksWhenPrivateAndSecretKeysThenOnlyPublicParametersWithUse() throws Exception {
        KeyEntry ed = TestKeys.ed25519("ed-1");
        KeyEntry restricted = KeySource.load(TestTokens.privateJwk(TestKeys.rsa("rsa-2", 2048), "enc", null, "RSA-OAEP-256"),
                null).keys().all().get(0);
        KeySet set = KeySet.of(List.of(RSA, EC, OCT, ed, TestKeys.publicOnly(TestKeys.rsa("pub-1", 2048)), restricted));

        String json = set.toPublicJwks("enc");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) JsonUtil.parseJson(json).get("keys");
        assertThat(keys).extracting(k -> k.get("kid")).containsExactly("rsa-1", "ec-1", "ed-1", "pub-1", "rsa-2");
        for (Map<String, Object> k : keys) {
            assertThat(k).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "k", "oth").containsEntry("use", "enc");
        }
        assertThat(keys.get(4)).containsEntry("alg", "RSA-OAEP-256");
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(OCT.key().getEncoded());
        assertThat(json).doesNotContain(secret).doesNotContain("oct-1");
        assertThat(load(json)).extracting(KeyEntry::key)
                .containsExactly(RSA.publicKey().get(), EC.publicKey().get(), ed.publicKey().get(),
                        set.all().get(4).key(), restricted.publicKey().get());
    }

    @Test
    void toStringWhenKeysLoadedThenShowsKidAndTypeOnly() {
        KeySet set = KeySource.load(TestTokens.privateJwks(OCT, RSA), null).keys();
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(OCT.key().getEncoded());
        assertThat(set.toString()).contains("oct-1", "oct-256", "rsa-1", "RSA-2048").doesNotContain(secret);
        assertThat(set.keyIds()).containsExactly("oct-1", "rsa-1");
    }
}
