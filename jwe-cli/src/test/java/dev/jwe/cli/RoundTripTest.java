package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code keys generate} -> {@code mint} -> {@code validate}, all through files, in-process. */
class RoundTripTest {
    @TempDir
    Path dir;

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void ok(Cli.Result r) {
        assertThat(r.status()).as(r.err()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--type rsa|--type ec --curve P-256|jwks",
        "--type ec --curve P-384|--type rsa --size 3072|jwks",
        "--type ec --curve P-521|--type ec --curve P-521|pem",
        "--type oct --size 256|--type ec|jwks"})
    void keysThenMintThenValidateWhenFilesThenTokenValidAndOthersRejected(String encType, String sigType, String format)
            throws Exception {
        boolean pem = format.equals("pem");
        boolean oct = encType.contains("oct");
        String ext = pem ? ".pem" : ".json";
        ok(Cli.run("", (String.join(" ", "keys generate", encType, "--use enc --format", format)
                + (pem ? "" : " --kid enc-1") + " --out " + file("enc" + ext)
                + (oct ? "" : " --public-out " + file("enc.pub" + ext))).split(" ")));
        ok(Cli.run("", (String.join(" ", "keys generate", sigType, "--use sig --format", format)
                + (pem ? "" : " --kid sig-1") + " --out " + file("sig" + ext) + " --public-out "
                + file("sig.pub" + ext)).split(" ")));
        String recipient = file(oct ? "enc" + ext : "enc.pub" + ext);

        Cli.Result minted = Cli.run("", "mint", "--encryption-keys", recipient, "--signing-keys", file("sig" + ext),
                "--iss", TestKeys.ISSUER, "--aud", TestKeys.AUDIENCE, "--sub", "carol", "--typ", "at+jwt");
        ok(minted);
        String token = minted.out().trim();
        Path config = Files.writeString(dir.resolve("jwe.properties"), "jwe.decryption.keys=" + file("enc" + ext)
                + "\njwe.verification.keys=" + file("sig.pub" + ext) + "\njwe.issuer=" + TestKeys.ISSUER
                + "\njwe.audience=" + TestKeys.AUDIENCE + "\njwe.token-type=at+jwt\n");

        Cli.Result validated = Cli.run(token + "\n" + Fixture.tampered(token) + "\n", "validate", "--config",
                config.toString());

        assertThat(validated.status()).isEqualTo(1);
        assertThat(validated.lines()).hasSize(2);
        Map<String, Object> first = Json.parseObject(validated.lines().get(0), 8);
        assertThat(first).containsEntry("valid", true).containsEntry("sub", "carol");
        assertThat(validated.lines().get(1)).contains("\"valid\":false");
    }

    @Test
    void keysThenMintThenValidateWhenTypeRequiredButNotMintedThenInvalidType() throws Exception {
        ok(Cli.run("", "keys", "generate", "--type", "ec", "--use", "enc", "--out", file("enc.json"),
                "--public-out", file("enc.pub.json")));
        ok(Cli.run("", "keys", "generate", "--type", "ec", "--use", "sig", "--out", file("sig.json"),
                "--public-out", file("sig.pub.json")));
        Cli.Result minted = Cli.run("", "mint", "--encryption-keys", file("enc.pub.json"), "--signing-keys",
                file("sig.json"), "--iss", "i", "--aud", "a");

        Cli.Result validated = Cli.run(minted.out(), "validate", "--set", "jwe.decryption.keys=" + file("enc.json"),
                "--set", "jwe.verification.keys=" + file("sig.pub.json"), "--set", "jwe.issuer=i",
                "--set", "jwe.audience=a", "--set", "jwe.token-type=at+jwt");

        assertThat(validated.status()).isEqualTo(1);
        assertThat(validated.out()).contains("\"reason\":\"INVALID_TYPE\"");
    }
}
