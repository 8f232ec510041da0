package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path dir;

    private Fixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new Fixture(dir);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> report(Cli.Result r) throws Json.ParseException {
        return Json.parseObject(r.out(), 16);
    }

    @Test
    void inspectWhenValidTokenWithoutKeysThenHeaderAndSizesWithoutDecrypting() throws Exception {
        Cli.Result r = Cli.run("", "inspect", Fixture.validToken());

        assertThat(r.status()).isZero();
        Map<String, Object> report = report(r);
        assertThat(report).containsEntry("wellFormed", true).containsEntry("segmentCount", 5L)
                .doesNotContainKey("verdict").doesNotContainKey("problem");
        assertThat(map(report.get("header"))).containsEntry("alg", "RSA-OAEP-256").containsEntry("enc", "A256GCM")
                .containsEntry("kid", "enc-1").containsEntry("cty", "JWT");
        assertThat(map(report.get("decodedSizes"))).containsEntry("encryptedKey", 256L).containsEntry("iv", 12L)
                .containsEntry("tag", 16L).containsKeys("protectedHeader", "ciphertext");
        assertThat(r.out()).doesNotContain("alice");
    }

    @Test
    void inspectWhenTokenIsDashThenReadFromStdin() throws Exception {
        Cli.Result r = Cli.run("\n  " + Fixture.validToken() + "\n", "inspect", "-");

        assertThat(r.status()).isZero();
        assertThat(report(r)).containsEntry("wellFormed", true);
    }

    @Test
    void inspectWhenNoTokenAnywhereThenExit2() {
        Cli.Result r = Cli.run("\n\n", "inspect");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("TOKEN").contains("no token");
    }

    @Test
    void inspectWhenThreeSegmentsThenMalformedAsJwsAndExit1() throws Exception {
        Cli.Result r = Cli.run("", "inspect", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln");

        assertThat(r.status()).isEqualTo(1);
        Map<String, Object> report = report(r);
        assertThat(report).containsEntry("wellFormed", false).containsEntry("segmentCount", 3L);
        assertThat((String) report.get("problem")).contains("5 segments").contains("JWS");
    }

    @Test
    void inspectWhenSegmentNotStrictBase64urlThenMalformedNamingSegment() throws Exception {
        String[] parts = Fixture.validToken().split("\\.");
        parts[2] = parts[2] + "=";

        Cli.Result r = Cli.run("", "inspect", String.join(".", parts));

        assertThat(r.status()).isEqualTo(1);
        assertThat((String) report(r).get("problem")).contains("segment 3 (iv)");
    }

    @Test
    void inspectWhenHeaderNotJsonThenMalformed() throws Exception {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"dir\",".getBytes(StandardCharsets.UTF_8));
        String token = header + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";

        Cli.Result r = Cli.run("", "inspect", token);

        assertThat(r.status()).isEqualTo(1);
        assertThat(report(r)).containsEntry("wellFormed", false);
        assertThat((String) report(r).get("problem")).contains("protected header is not a JSON object");
    }

    @Test
    void inspectWhenMalformedAndKeysConfiguredThenVerdictMalformedToo() throws Exception {
        Cli.Result r = Cli.run("", fx.command("inspect", "not-a-token"));

        assertThat(r.status()).isEqualTo(1);
        assertThat(map(report(r).get("verdict"))).containsEntry("valid", false).containsEntry("reason", "MALFORMED");
    }

    @Test
    void inspectWhenRejectedWithKeysThenVerdictWithReasonAndExit1() throws Exception {
        Cli.Result r = Cli.run("", fx.command("inspect", Fixture.expiredToken()));

        assertThat(r.status()).isEqualTo(1);
        Map<String, Object> report = report(r);
        assertThat(report).containsEntry("wellFormed", true);
        assertThat(map(report.get("verdict"))).containsEntry("valid", false).containsEntry("reason", "EXPIRED")
                .containsEntry("error", "invalid_token").doesNotContainKey("claims");
    }

    @Test
    void inspectWhenValidWithKeysThenClaimsAndProtection() throws Exception {
        Cli.Result r = Cli.run("", fx.command("inspect", Fixture.validToken()));

        assertThat(r.status()).isZero();
        Map<String, Object> verdict = map(report(r).get("verdict"));
        assertThat(verdict).containsEntry("valid", true).containsEntry("sub", "alice");
        assertThat(map(verdict.get("claims"))).containsEntry("iss", TestKeys.ISSUER).containsEntry("aud", TestKeys.AUDIENCE);
        assertThat(map(verdict.get("protection"))).containsEntry("kid", "enc-1").containsEntry("alg", "RSA-OAEP-256")
                .containsEntry("signingKid", "sig-1").containsEntry("sigAlg", "ES256");
    }

    @Test
    void inspectWhenSettingsIncompleteThenExit2NamingSetting() {
        Cli.Result r = Cli.run("", "inspect", "--set", "jwe.issuer=x", Fixture.validToken());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("jwe.decryption.keys");
    }
}
