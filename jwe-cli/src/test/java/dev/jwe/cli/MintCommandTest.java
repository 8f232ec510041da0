package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.AuditListener;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.TestKeys;
import dev.jwe.core.VerifiedToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MintCommandTest {
    @TempDir
    Path dir;

    private Fixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new Fixture(dir);
    }

    private String[] mint(String... more) {
        String[] base = {"mint", "--encryption-keys", fx.encPublic.toString(), "--signing-keys", fx.sigPrivate.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String token(Cli.Result r) {
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(1);
        return r.lines().get(0);
    }

    private static VerifiedToken verify(String token) throws Exception {
        return dev.jwe.core.JweTokenValidator.builder().decryptionKeys(KeySource.of(Fixture.ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(Fixture.SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build()
                .validate(token);
    }

    @Test
    void mintWhenClaimOptionsThenNestedTokenTheValidatorAccepts() throws Exception {
        String token = token(Cli.run("", mint("--iss", TestKeys.ISSUER, "--aud", TestKeys.AUDIENCE, "--sub", "bob",
                "--roles", "admin,ops", "--scope", "orders:read  orders:write", "--ttl", "PT5M",
                "--claim", "n=42", "--claim", "ratio=0.5", "--claim", "flag=true", "--claim", "zip=007",
                "--claim", "s=hello world")));

        VerifiedToken t = verify(token);

        assertThat(t.subject()).contains("bob");
        assertThat(t.roles()).containsExactly("admin", "ops");
        assertThat(t.scopes()).containsExactly("orders:read", "orders:write");
        assertThat(t.expiresAt()).isEqualTo(TestKeys.NOW.plusSeconds(300));
        assertThat(t.issuedAt()).contains(TestKeys.NOW);
        assertThat(t.jwtId()).isPresent();
        assertThat(t.claims()).containsEntry("n", 42L).containsEntry("flag", true).containsEntry("zip", "007")
                .containsEntry("s", "hello world");
        assertThat(((Number) t.claims().get("ratio")).doubleValue()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @CsvSource({"RSA-OAEP-384", "RSA-OAEP-512"})
    void mintWhenAlgRsaOaepSha2ThenValidatorListingItAccepts(String alg) throws Exception {
        String token = token(Cli.run("", mint("--iss", TestKeys.ISSUER, "--aud", TestKeys.AUDIENCE, "--sub", "bob",
                "--alg", alg)));

        VerifiedToken t = dev.jwe.core.JweTokenValidator.builder().decryptionKeys(KeySource.of(Fixture.ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(Fixture.SIG))).keyManagementAlgorithms(List.of(alg))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK)
                .auditListener(AuditListener.NOOP).build().validate(token);

        assertThat(t.subject()).contains("bob");
        assertThat(t.metadata().keyManagementAlgorithm()).isEqualTo(alg);
    }

    @Test
    void mintWhenClaimNumbersThenTokenCarriesTheirExactDigits() throws Exception {
        Path claims = Cli.write(dir, "numbers.json", "{\"sub\":\"alice\",\"iss\":\"" + TestKeys.ISSUER + "\",\"aud\":\"" + TestKeys.AUDIENCE
                + "\",\"big\":123456789012345678901234567890,\"tenth\":0.1,\"price\":19.99}");
        String token = token(Cli.run("", mint("--claims", claims.toString(), "--claim", "ratio=0.3")));

        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RSA-OAEP-256"));
        jwe.setCompactSerialization(token);
        jwe.setKey(Fixture.ENC.key());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(jwe.getPayload());
        String payload = new String(Base64.getUrlDecoder().decode(jws.getEncodedPayload()), StandardCharsets.UTF_8);

        assertThat(payload).contains("\"big\":123456789012345678901234567890", "\"tenth\":0.1,", "\"price\":19.99,",
                "\"ratio\":0.3,");
        assertThat(verify(token).claims()).containsEntry("tenth", 0.1d).containsEntry("ratio", 0.3d)
                .containsEntry("big", new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void mintWhenTokenDecryptedIndependentlyThenNestedJwsInJweWithCtyJwt() throws Exception {
        String token = token(Cli.run("", mint("--iss", TestKeys.ISSUER, "--aud", TestKeys.AUDIENCE, "--sub", "bob",
                "--typ", "at+jwt")));

        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RSA-OAEP-256"));
        jwe.setCompactSerialization(token);
        jwe.setKey(Fixture.ENC.key());
        String inner = jwe.getPayload();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256"));
        jws.setCompactSerialization(inner);
        jws.setKey(Fixture.SIG.publicKey().orElseThrow());

        assertThat(jwe.getHeader("cty")).isEqualTo("JWT");
        assertThat(jwe.getHeader("enc")).isEqualTo("A256GCM");
        assertThat(jwe.getKeyIdHeaderValue()).isEqualTo("enc-1");
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getHeader("typ")).isEqualTo("at+jwt");
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo("sig-1");
        assertThat(Json.parseObject(jws.getPayload(), 4)).containsEntry("sub", "bob").containsEntry("iss", TestKeys.ISSUER);
    }

    @Test
    void mintWhenClaimsFileAndOptionsThenOptionsWinAndFileExpKept() throws Exception {
        long exp = TestKeys.NOW.getEpochSecond() + 120;
        Path claims = Cli.write(dir, "claims.json", "{\"iss\":\"" + TestKeys.ISSUER + "\",\"aud\":[\"" + TestKeys.AUDIENCE
                + "\",\"other\"],\"sub\":\"from-file\",\"exp\":" + exp + ",\"realm\":{\"roles\":[\"x\"]},\"jti\":\"j-1\"}");

        VerifiedToken t = verify(token(Cli.run("", mint("--claims", claims.toString(), "--sub", "from-option"))));

        assertThat(t.subject()).contains("from-option");
        assertThat(t.audiences()).containsExactly(TestKeys.AUDIENCE, "other");
        assertThat(t.expiresAt().getEpochSecond()).isEqualTo(exp);
        assertThat(t.issuedAt()).isEmpty();
        assertThat(t.jwtId()).contains("j-1");
        assertThat(t.claims()).containsEntry("realm", Map.of("roles", List.of("x")));
    }

    @Test
    void mintWhenClaimsFromStdinThenUsed() throws Exception {
        String claims = "{\"iss\":\"" + TestKeys.ISSUER + "\",\"aud\":\"" + TestKeys.AUDIENCE + "\",\"sub\":\"stdin\"}";

        VerifiedToken t = verify(token(Cli.run(claims, mint("--claims", "-"))));

        assertThat(t.subject()).contains("stdin");
        assertThat(t.expiresAt()).isEqualTo(TestKeys.NOW.plusSeconds(600));
    }

    @Test
    void mintWhenNegativeTtlThenTokenIsExpired() {
        String token = token(Cli.run("", mint("--iss", TestKeys.ISSUER, "--aud", TestKeys.AUDIENCE, "--ttl", "-PT1H")));

        Cli.Result r = Cli.run(token, fx.command("validate"));

        assertThat(r.out()).contains("\"reason\":\"EXPIRED\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,}|--claims",
        "[1]|--claims",
        "{\"a\":null}|--claims",
        "{\"a\":1,\"a\":2}|--claims"})
    void mintWhenClaimsFileInvalidThenExit2NamingClaims(String content, String option) throws IOException {
        Path claims = Cli.write(dir, "bad.json", content);

        Cli.Result r = Cli.run("", mint("--claims", claims.toString()));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(option);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mintWhenClaimsFileMissingThenExit2() {
        Cli.Result r = Cli.run("", mint("--claims", dir.resolve("none.json").toString()));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--claims").contains("no such file");
    }

    @Test
    void mintWhenSeveralSuitableKeysWithoutKidThenExit2ListingKids() throws Exception {
        KeyEntry second = TestKeys.rsa("enc-2", 2048);
        Path both = Cli.write(dir, "both.json", "{\"keys\":[" + Json.write(Jwk.publicJwk("enc-1", null,
                Fixture.ENC.publicKey().orElseThrow())) + "," + Json.write(Jwk.publicJwk("enc-2", "enc",
                second.publicKey().orElseThrow())) + "]}");
        String[] base = {"mint", "--encryption-keys", both.toString(), "--signing-keys", fx.sigPrivate.toString(),
            "--sub", "alice", "--iss", TestKeys.ISSUER, "--aud", TestKeys.AUDIENCE};

        Cli.Result ambiguous = Cli.run("", base);
        Cli.Result chosen = Cli.run("", concat(base, "--encryption-kid", "enc-1"));
        Cli.Result unknown = Cli.run("", concat(base, "--encryption-kid", "enc-9"));

        assertThat(ambiguous.status()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("--encryption-kid").contains("enc-1, enc-2");
        assertThat(verify(token(chosen)).metadata().keyId()).isEqualTo("enc-1");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("--encryption-kid").contains("enc-9");
    }

    @Test
    void mintWhenKeyRestrictedToOtherUseThenNotChosen() throws Exception {
        Path sigOnly = Cli.write(dir, "sig-use.json", Jwk.jwkSet(Jwk.publicJwk("enc-1", "sig",
                Fixture.ENC.publicKey().orElseThrow())));

        Cli.Result r = Cli.run("", "mint", "--encryption-keys", sigOnly.toString(), "--signing-keys",
                fx.sigPrivate.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--encryption-keys").contains("no key fit for encryption");
    }

    @Test
    void mintWhenSigningKeysArePublicOnlyThenExit2() {
        Cli.Result r = Cli.run("", "mint", "--encryption-keys", fx.encPublic.toString(), "--signing-keys",
                fx.sigPublic.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--signing-keys").contains("no key fit for signing");
    }

    @Test
    void mintWhenKeysFileMissingThenExit2NamingOption() {
        Cli.Result r = Cli.run("", "mint", "--encryption-keys", dir.resolve("none.json").toString(), "--signing-keys",
                fx.sigPrivate.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--encryption-keys").contains("none.json");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--alg|RSA1_5|--alg",
        "--alg|A128KW|--alg",
        "--enc|A999GCM|--enc",
        "--sig-alg|RS256|--sig-alg",
        "--sig-alg|none|--sig-alg"})
    void mintWhenAlgorithmUnsupportedOrUnfitThenExit2NamingOption(String option, String value, String named) {
        Cli.Result r = Cli.run("", mint(option, value));

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(named + ":");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mintWhenAlgorithmsChosenThenUsed() throws Exception {
        KeyEntry oct = TestKeys.oct("k1", 16);
        Path octFile = Cli.privateJwks(dir, "oct.json", oct);

        String token = token(Cli.run("", "mint", "--encryption-keys", octFile.toString(), "--signing-keys",
                fx.sigPrivate.toString(), "--enc", "A128CBC-HS256", "--sub", "alice", "--iss", TestKeys.ISSUER,
                "--aud", TestKeys.AUDIENCE));
        VerifiedToken t = dev.jwe.core.JweTokenValidator.builder().decryptionKeys(KeySource.of(oct))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(Fixture.SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP).build()
                .validate(token);

        assertThat(t.metadata().keyManagementAlgorithm()).isEqualTo("A128KW");
        assertThat(t.metadata().contentEncryptionAlgorithm()).isEqualTo("A128CBC-HS256");
    }

    @Test
    void mintWhenJwkNamesItsAlgorithmThenThatAlgorithmIsTheDefault() throws Exception {
        Map<String, Object> jwk = Jwk.publicJwk("enc-1", "enc", Fixture.ENC.publicKey().orElseThrow());
        jwk.put("alg", "RSA-OAEP");
        Path withAlg = Cli.write(dir, "alg.json", Jwk.jwkSet(jwk));

        String token = token(Cli.run("", "mint", "--encryption-keys", withAlg.toString(), "--signing-keys",
                fx.sigPrivate.toString(), "--iss", TestKeys.ISSUER, "--aud", TestKeys.AUDIENCE));
        Map<String, Object> header = Json.parseObject(new String(java.util.Base64.getUrlDecoder()
                .decode(token.substring(0, token.indexOf('.'))), java.nio.charset.StandardCharsets.UTF_8), 2);

        assertThat(header).containsEntry("alg", "RSA-OAEP");
    }

    @Test
    void claimValueWhenJsonNumberOrBooleanThenTypedElseString() {
        assertThat(MintCommand.claimValue("12")).isEqualTo(12L);
        assertThat(MintCommand.claimValue("-1.5e3")).isEqualTo(new BigDecimal("-1.5e3"));
        assertThat(MintCommand.claimValue("true")).isEqualTo(true);
        assertThat(MintCommand.claimValue("false")).isEqualTo(false);
        assertThat(MintCommand.claimValue("null")).isEqualTo("null");
        assertThat(MintCommand.claimValue("007")).isEqualTo("007");
        assertThat(MintCommand.claimValue("\"x\"")).isEqualTo("\"x\"");
        assertThat(MintCommand.claimValue("[1]")).isEqualTo("[1]");
        assertThat(MintCommand.claimValue("")).isEqualTo("");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
