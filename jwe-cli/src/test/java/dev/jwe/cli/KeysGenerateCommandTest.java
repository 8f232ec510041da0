package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwe.core.Jwks;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeysGenerateCommandTest {
    @TempDir
    Path dir;

    private Cli.Result generate(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "keys";
        all[1] = "generate";
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run("", all);
    }

    private static KeyEntry only(Path file) {
        List<KeyEntry> keys = KeySource.load(file.toString(), null).keys().all();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void generateWhenRsaDefaultsThen2048BitPrivateAndPublicJwks() throws Exception {
        Cli.Result r = generate("--type", "rsa", "--kid", "enc-1", "--use", "enc", "--out", path("p.json"),
                "--public-out", path("pub.json"));

        assertThat(r.status()).as(r.err()).isZero();
        Map<String, Object> summary = Json.parseObject(r.out(), 2);
        assertThat(summary).containsEntry("kid", "enc-1").containsEntry("type", "RSA-2048").containsEntry("use", "enc");
        KeyEntry priv = only(dir.resolve("p.json"));
        KeyEntry pub = only(dir.resolve("pub.json"));
        assertThat(priv.describeType()).isEqualTo("RSA-2048");
        assertThat(priv.isPrivate()).isTrue();
        assertThat(priv.kid()).contains("enc-1");
        assertThat(priv.use()).contains("enc");
        assertThat(pub.isPrivate()).isFalse();
        assertThat(pub.key().getEncoded()).isEqualTo(priv.publicKey().orElseThrow().getEncoded());
        assertThat(Files.readString(dir.resolve("pub.json"))).doesNotContain("\"d\"").doesNotContain("\"p\"");
        assertThat(r.out()).doesNotContain(Files.readString(dir.resolve("p.json")).substring(60, 100));
    }

    @ParameterizedTest
    @CsvSource({"P-256,EC-256", "P-384,EC-384", "P-521,EC-521"})
    void generateWhenEcCurveThenKeyOnThatCurve(String curve, String type) {
        Cli.Result r = generate("--type", "ec", "--curve", curve, "--kid", "s", "--use", "sig", "--out", path("k.json"));

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(only(dir.resolve("k.json")).describeType()).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"128", "192", "256", "384", "512"})
    void generateWhenOctSizeThenSecretOfThatSize(int bits) {
        Cli.Result r = generate("--type", "oct", "--size", String.valueOf(bits), "--kid", "k", "--use", "enc",
                "--out", path("k.json"));

        assertThat(r.status()).as(r.err()).isZero();
        KeyEntry k = only(dir.resolve("k.json"));
        assertThat(k.isSymmetric()).isTrue();
        assertThat(k.key().getEncoded()).hasSize(bits / 8);
    }

    @Test
    void generateWhenNoKidThenThumbprintIsKid() throws Exception {
        Cli.Result r = generate("--type", "ec", "--use", "sig", "--out", path("k.json"));

        assertThat(r.status()).isZero();
        KeyEntry k = only(dir.resolve("k.json"));
        assertThat(k.kid()).contains(Jwks.thumbprint(k.publicKey().orElseThrow()));
        assertThat(Json.parseObject(r.out(), 2)).containsEntry("kid", k.kid().orElseThrow());
    }

    @Test
    void generateWhenPemThenPkcs8AndSpkiWhoseCoreKidIsTheReportedThumbprint() throws Exception {
        Cli.Result r = generate("--type", "rsa", "--size", "3072", "--use", "enc", "--format", "pem",
                "--out", path("k.pem"), "--public-out", path("pub.pem"));

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve("pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
        KeyEntry priv = only(dir.resolve("k.pem"));
        KeyEntry pub = only(dir.resolve("pub.pem"));
        assertThat(priv.describeType()).isEqualTo("RSA-3072");
        String kid = (String) Json.parseObject(r.out(), 2).get("kid");
        assertThat(priv.kid()).contains(kid);
        assertThat(pub.kid()).contains(kid);
    }

    @Test
    void generateWhenPosixFileSystemThenPrivateFileOwnerOnlyAndPublicReadable() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));

        Cli.Result r = generate("--type", "ec", "--use", "sig", "--out", path("k.json"), "--public-out", path("p.json"));

        assertThat(r.status()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("p.json"))))
                .isEqualTo("rw-r--r--");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("k.json", "p.json");
        }
    }

    @Test
    void generateWhenFileExistsThenRefusedAndUntouchedUnlessForce() throws Exception {
        Path existing = Files.writeString(dir.resolve("k.json"), "keep me");

        Cli.Result refused = generate("--type", "oct", "--use", "enc", "--out", existing.toString());

        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("--out").contains("exists").contains("--force");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        Cli.Result forced = generate("--type", "oct", "--use", "enc", "--out", existing.toString(), "--force");

        assertThat(forced.status()).isZero();
        assertThat(only(existing).isSymmetric()).isTrue();
    }

    @Test
    void generateWhenPublicOutExistsThenNothingWritten() throws Exception {
        Files.writeString(dir.resolve("p.json"), "keep me");

        Cli.Result r = generate("--type", "ec", "--use", "sig", "--out", path("k.json"), "--public-out", path("p.json"));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--public-out");
        assertThat(dir.resolve("k.json")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--type rsa --size 1024 --use enc|--size",
        "--type rsa --size 99999 --use enc|--size",
        "--type rsa --curve P-256 --use enc|--curve",
        "--type ec --size 256 --use sig|--size",
        "--type ec --curve P-192 --use sig|--curve",
        "--type oct --size 100 --use enc|--size",
        "--type oct --use enc --format pem|--format",
        "--type oct --use enc --public-out PUB|--public-out",
        "--type ec --use sig --format pem --kid x|--kid",
        "--type ec --use sig --public-out OUT|--public-out",
        "--type ec --use sig --alg ECDH-ES|--alg",
        "--type rsa --use enc --format pem --alg RSA-OAEP-256|--alg",
        "--type rsa --use enc --alg RS256|--alg: RS256 is a signature algorithm",
        "--type rsa --use enc --alg A256GCM|--alg: unsupported key-management algorithm A256GCM",
        "--type rsa --use enc --alg RSA1_5|--alg: RSA1_5 is refused",
        "--type rsa --use enc --alg ECDH-ES+A256KW|--alg: ECDH-ES+A256KW does not fit a RSA key",
        "--type ec --use enc --alg RSA-OAEP-256|--alg: RSA-OAEP-256 does not fit a EC key",
        "--type oct --size 128 --use enc --alg A256KW|--alg: A256KW does not fit",
        "--type dsa --use sig|--type",
        "--type ec --use both|--use",
        "--type ec|--use"})
    void generateWhenOptionsInvalidThenExit2NamingTheOption(String args, String option) {
        String out = path("k.json");
        String[] parts = args.replace("PUB", path("pub.json")).replace("OUT", out).split(" ");
        String[] all = new String[parts.length + 2];
        System.arraycopy(parts, 0, all, 0, parts.length);
        all[parts.length] = "--out";
        all[parts.length + 1] = out;

        Cli.Result r = generate(all);

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(option);
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("k.json")).doesNotExist();
    }

    @Test
    void generateWhenDirectoryMissingThenExit2NamingOut() {
        Cli.Result r = generate("--type", "ec", "--use", "sig", "--out", path("missing/k.json"));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--out").contains("does not exist");
    }

    @ParameterizedTest
    @CsvSource({"rsa,RSA-OAEP-256", "ec,ECDH-ES+A256KW"})
    void generateWhenEncKeyWithoutAlgThenDefaultAlgAndUseEncInBothFiles(String type, String alg) throws Exception {
        Cli.Result r = generate("--type", type, "--kid", "enc-1", "--use", "enc", "--out", path("p.json"),
                "--public-out", path("pub.json"));

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Json.parseObject(r.out(), 2)).containsEntry("alg", alg);
        for (String file : List.of("p.json", "pub.json")) {
            KeyEntry k = only(dir.resolve(file));
            assertThat(k.algorithm()).as(file).contains(alg);
            assertThat(k.use()).as(file).contains("enc");
        }
    }

    @Test
    void generateWhenAlgGivenThenWrittenToBothFiles() throws Exception {
        Cli.Result r = generate("--type", "rsa", "--use", "enc", "--alg", "RSA-OAEP", "--out", path("p.json"),
                "--public-out", path("pub.json"));

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(only(dir.resolve("pub.json")).algorithm()).contains("RSA-OAEP");
        assertThat(only(dir.resolve("p.json")).algorithm()).contains("RSA-OAEP");
    }

    @Test
    void generateWhenSigOrOctKeyWithoutAlgThenNoAlgWritten() {
        assertThat(generate("--type", "ec", "--use", "sig", "--out", path("s.json")).status()).isZero();
        assertThat(generate("--type", "oct", "--use", "enc", "--out", path("o.json")).status()).isZero();

        assertThat(only(dir.resolve("s.json")).algorithm()).isEmpty();
        assertThat(only(dir.resolve("o.json")).algorithm()).isEmpty();
    }
}
