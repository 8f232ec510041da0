package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.KeySourceException;
import dev.jwe.core.TestKeys;
import dev.jwe.core.Reason;
import dev.jwe.core.TokenRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private Fixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new Fixture(dir);
    }

    private static Map<String, Object> json(String line) throws Json.ParseException {
        return Json.parseObject(line, 16);
    }

    @Test
    void validateWhenBatchMixesValidAndInvalidThenOneVerdictPerLineInOrderAndExit1() throws Exception {
        String valid = Fixture.validToken();
        String stdin = valid + "\n"
                + Fixture.expiredToken() + "\n"
                + "\n   \n"
                + Fixture.wrongAudienceToken() + "\r\n"
                + Fixture.tampered(valid) + "\n"
                + "this is not a token\n"
                + "  " + valid + "  ";

        Cli.Result r = Cli.run(stdin, fx.command("validate"));

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        List<String> lines = r.lines();
        assertThat(lines).hasSize(6);
        Map<String, Object> first = json(lines.get(0));
        assertThat(first).containsEntry("valid", true).containsEntry("sub", "alice")
                .containsEntry("iss", TestKeys.ISSUER).containsEntry("aud", List.of(TestKeys.AUDIENCE))
                .containsEntry("exp", TestKeys.NOW.getEpochSecond() + 600)
                .containsEntry("roles", List.of("user")).containsEntry("scopes", List.of("orders:read"));
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) first.get("claims");
        assertThat(claims).containsEntry("scope", "orders:read")
                .containsEntry("groups", List.of("user"));
        assertThat(json(lines.get(1))).isEqualTo(Map.of("valid", false, "reason", "EXPIRED",
                "error", "invalid_token", "description", Reason.EXPIRED.description()));
        assertThat(json(lines.get(2))).containsEntry("valid", false).containsEntry("reason", "INVALID_AUDIENCE");
        assertThat(json(lines.get(3))).containsEntry("valid", false).containsEntry("reason", "DECRYPTION_FAILED");
        assertThat(json(lines.get(4))).containsEntry("valid", false).containsEntry("reason", "MALFORMED");
        assertThat(json(lines.get(5))).containsEntry("valid", true);
        assertThat(r.out()).doesNotContain(valid.substring(0, 40));
    }

    @Test
    void validateWhenAllValidThenExit0() {
        String stdin = Fixture.validToken() + "\n" + Fixture.validToken() + "\n";

        Cli.Result r = Cli.run(stdin, fx.command("validate"));

        assertThat(r.status()).isZero();
        assertThat(r.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"valid\":true,"));
    }

    @Test
    void validateWhenTokensAreArgumentsThenStdinIsNotRead() {
        Cli.Result r = Cli.run("garbage\n", fx.command("validate", Fixture.validToken(), Fixture.expiredToken()));

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).startsWith("{\"valid\":true,");
        assertThat(r.lines().get(1)).contains("\"reason\":\"EXPIRED\"");
    }

    @Test
    void validateWhenStdinEmptyThenNoOutputAndExit0() {
        Cli.Result r = Cli.run("\n\n", fx.command("validate"));

        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void validateWhenClaimsAreNestedAndHostileThenOutputIsEscapedJsonOnOneLine() throws Exception {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("nested", Map.of("list", List.of(1, 2.5, true), "none", Map.of()));
        claims.put("text", "line\nbreak \u2028 \"quoted\" \\ \u0001");
        String stdin = Fixture.token(claims) + "\n";

        Cli.Result r = Cli.run(stdin, fx.command("validate"));

        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.lines()).hasSize(1);
        assertThat(r.out()).contains("\\n").contains("\\u2028").contains("\\u0001").doesNotContain("\u2028");
        Map<?, ?> parsed = (Map<?, ?>) json(r.lines().get(0)).get("claims");
        assertThat(parsed.get("text")).isEqualTo("line\nbreak \u2028 \"quoted\" \\ \u0001");
        assertThat(parsed.get("nested")).isEqualTo(Map.of("list", List.of(1L, new java.math.BigDecimal("2.5"), true),
                "none", Map.of()));
    }

    @Test
    void validateWhenClaimsHoldLargeNumbersThenWrittenAsJsonNumbers() throws Exception {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("huge", new java.math.BigInteger("123456789012345678901234567890"));
        claims.put("precise", new java.math.BigDecimal("0.1000000000000000055511151231257827"));
        claims.put("tiny", 1e-300);

        Cli.Result r = Cli.run(Fixture.token(claims) + "\n", fx.command("validate"));

        assertThat(r.status()).as(r.out() + r.err()).isZero();
        Map<?, ?> parsed = (Map<?, ?>) json(r.lines().get(0)).get("claims");
        assertThat(((Number) parsed.get("huge")).toString()).isEqualTo("123456789012345678901234567890");
        assertThat(((Number) parsed.get("tiny")).doubleValue()).isEqualTo(1e-300);
    }

    @Test
    void validateWhenSetAndConfigNameTheSameSettingThenSetWins() throws IOException {
        Path config = Cli.write(dir, "jwe.properties", "jwe.decryption.keys=" + fx.encPrivate + "\n"
                + "jwe.verification.keys=" + fx.sigPublic + "\n"
                + "jwe.issuer=" + TestKeys.ISSUER + "\n"
                + "jwe.audience=api://from-file\n");
        String token = Fixture.validToken();

        Cli.Result fileOnly = Cli.run(token, "validate", "--config", config.toString());
        Cli.Result overridden = Cli.run(token, "validate", "--config", config.toString(),
                "--set", "jwe.audience=" + TestKeys.AUDIENCE);

        assertThat(fileOnly.status()).isEqualTo(1);
        assertThat(fileOnly.out()).contains("INVALID_AUDIENCE");
        assertThat(overridden.status()).isZero();
        assertThat(overridden.out()).startsWith("{\"valid\":true,");
    }

    @Test
    void validateWhenEnvironmentHasSettingsThenUsedButSetWins() {
        Map<String, String> env = Map.of(
                "JWE_DECRYPTION_KEYS", fx.encPrivate.toString(),
                "JWE_VERIFICATION_KEYS", fx.sigPublic.toString(),
                "JWE_ISSUER", TestKeys.ISSUER,
                "JWE_AUDIENCE", "api://from-env");
        String token = Fixture.validToken();

        Cli.Result envOnly = Cli.run(Context.of(TestKeys.CLOCK, env, Cli.input(token)), "validate");
        Cli.Result overridden = Cli.run(Context.of(TestKeys.CLOCK, env, Cli.input(token)), "validate",
                "--set", "jwe.audience=" + TestKeys.AUDIENCE);

        assertThat(envOnly.out()).contains("INVALID_AUDIENCE");
        assertThat(overridden.status()).isZero();
    }

    @Test
    void validateWhenUnknownSettingThenExit2NamingIt() {
        Cli.Result r = Cli.run(Fixture.validToken(), fx.command("validate", "--set", "jwe.audiences=x"));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("jwe.audiences").contains("unknown setting");
    }

    @Test
    void validateWhenUnknownSettingInConfigFileThenExit2NamingIt() throws IOException {
        Path config = Cli.write(dir, "bad.properties", "jwe.isuer=x\n");

        Cli.Result r = Cli.run("", "validate", "--config", config.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("jwe.isuer: unknown setting");
    }

    @Test
    void validateWhenSetNamesNonJweKeyThenExit2NamingSet() {
        Cli.Result r = Cli.run("", fx.command("validate", "--set", "issuer=x"));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--set").contains("'issuer' is not a jwe.* setting");
    }

    @Test
    void validateWhenConfigFileMissingThenExit2NamingConfig() {
        Cli.Result r = Cli.run("", "validate", "--config", dir.resolve("missing.properties").toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--config").contains("jwe.config");
    }

    @Test
    void validateWhenKeysFileMissingThenExit2NamingSetting() {
        Cli.Result r = Cli.run(Fixture.validToken(), "validate",
                "--set", "jwe.decryption.keys=" + dir.resolve("missing.json"),
                "--set", "jwe.verification.keys=" + fx.sigPublic,
                "--set", "jwe.issuer=x", "--set", "jwe.audience=y");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("jwe.decryption.keys").contains("missing.json");
    }

    @Test
    void validateWhenRsaKeyHas1024BitsThenExit2NamingSetting() throws IOException {
        Path weak = Cli.privateJwks(dir, "weak.jwks.json", TestKeys.rsa("weak", 1024));

        Cli.Result r = Cli.run(Fixture.validToken(), "validate",
                "--set", "jwe.decryption.keys=" + weak,
                "--set", "jwe.verification.keys=" + fx.sigPublic,
                "--set", "jwe.issuer=x", "--set", "jwe.audience=y");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("jwe.decryption.keys").contains("1024 bits");
    }

    @Test
    void validateWhenRequiredSettingMissingThenExit2NamingIt() {
        Cli.Result r = Cli.run(Fixture.validToken(), "validate",
                "--set", "jwe.decryption.keys=" + fx.encPrivate,
                "--set", "jwe.verification.keys=" + fx.sigPublic,
                "--set", "jwe.issuer=x");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("jwe.audience: required");
    }

    @Test
    void validateWhenKeySourceFailsMidBatchThenEarlierVerdictsKeptAndExit2() {
        String good = Fixture.validToken();
        Context context = new Context(TestKeys.CLOCK, Map.of(), Cli.input(good + "\nsecond\nthird\n"),
                (settings, clock, audit) -> (token, request) -> {
                    if (token.equals("second")) {
                        throw new KeySourceException("Key file not readable: file /keys/enc.jwks.json");
                    }
                    throw new TokenRejectedException(Reason.MALFORMED);
                });

        Cli.Result r = Cli.run(context, "validate");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.lines()).hasSize(1);
        assertThat(r.lines().get(0)).contains("\"reason\":\"MALFORMED\"");
        assertThat(r.err()).contains("key source failed").contains("/keys/enc.jwks.json");
    }

    @Test
    void validateWhenManyRealTokensThenEveryOneAnsweredInOrder() {
        String valid = Fixture.validToken();
        String invalid = Fixture.tampered(valid);
        StringBuilder stdin = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            stdin.append(i % 7 == 3 ? invalid : valid).append('\n');
        }

        Cli.Result r = Cli.run(stdin.toString(), fx.command("validate"));

        assertThat(r.status()).isEqualTo(1);
        List<String> lines = r.lines();
        assertThat(lines).hasSize(60);
        for (int i = 0; i < 60; i++) {
            assertThat(lines.get(i)).startsWith(i % 7 == 3 ? "{\"valid\":false," : "{\"valid\":true,");
        }
    }

    @Test
    void validateWhenBatchSpansSeveralChunksThenVerdictsKeepInputOrder() {
        Reason[] reasons = Reason.values();
        StringBuilder stdin = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            stdin.append(i).append('\n');
        }
        Context context = new Context(TestKeys.CLOCK, Map.of(), Cli.input(stdin.toString()),
                (settings, clock, audit) -> (token, request) -> {
                    throw new TokenRejectedException(reasons[Integer.parseInt(token) % reasons.length]);
                });

        Cli.Result r = Cli.run(context, "validate");

        assertThat(r.status()).isEqualTo(1);
        List<String> lines = r.lines();
        assertThat(lines).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(lines.get(i)).contains("\"reason\":\"" + reasons[i % reasons.length].name() + "\"");
        }
    }

    @Test
    void validateWhenHugeLineWithoutBreakThenRejectedAsTooLarge() {
        String huge = "a".repeat(3 * 1024 * 1024);

        Cli.Result r = Cli.run(huge, fx.command("validate"));

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("\"reason\":\"TOKEN_TOO_LARGE\"");
    }

    @Test
    void validateWhenUnknownOptionThenExit2AndTokenNotEchoed() {
        String token = Fixture.validToken();

        Cli.Result r = Cli.run("", "validate", "--no-such-option", token, "-Z" + token.substring(3));

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option").doesNotContain(token.substring(3, 40));
    }

    @Test
    void validateWhenConfigFileSetsEverythingThenUsed() throws IOException {
        Path config = dir.resolve("ok.properties");
        Files.writeString(config, "jwe.decryption.keys=" + fx.encPrivate + "\njwe.verification.keys=" + fx.sigPublic
                + "\njwe.issuer=" + TestKeys.ISSUER + "\njwe.audience=" + TestKeys.AUDIENCE + "\n");

        Cli.Result r = Cli.run(Fixture.validToken(), "validate", "--config", config.toString());

        assertThat(r.status()).isZero();
    }
}
