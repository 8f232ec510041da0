package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.AuditListener;
import dev.jwe.core.JweSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TestKeys;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.AdapterOptions;
import dev.jwe.core.http.Authentication;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import dev.jwe.core.http.SenderConstraintOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code jwe mint --cnf-jkt/--cnf-x5t} and {@code jwe dpop proof/thumbprint}: what they print is accepted where it should be. */
class DpopCommandTest {
    private static final KeyEntry CLIENT = TestKeys.ec("client", "P-256");
    private static final String URL = "https://api.example.com/orders";

    @TempDir
    Path dir;

    private Fixture fx;
    private Path clientJwk;

    @BeforeEach
    void setUp() throws IOException {
        fx = new Fixture(dir);
        clientJwk = Cli.write(dir, "client.jwk", Json.write(Jwk.privateJwk(null, null, CLIENT.key(),
                CLIENT.publicKey().orElseThrow())));
    }

    private static Cli.Result run(String... args) {
        // the system clock: the proof's iat is checked against the authenticator's clock
        return Cli.run(Context.of(Clock.systemUTC(), Map.of(), Cli.input("")), args);
    }

    private static String line(Cli.Result r) {
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(1);
        return r.lines().get(0);
    }

    private String mint(String... binding) {
        String[] base = {"mint", "--encryption-keys", fx.encPublic.toString(), "--signing-keys",
            fx.sigPrivate.toString(), "--iss", TestKeys.ISSUER, "--aud", TestKeys.AUDIENCE, "--sub", "carol"};
        String[] all = new String[base.length + binding.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(binding, 0, all, base.length, binding.length);
        return line(run(all));
    }

    private static Authentication authenticate(String token, String proof) {
        JweTokenValidator validator = JweTokenValidator.builder().decryptionKeys(KeySource.of(Fixture.ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(Fixture.SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).auditListener(AuditListener.NOOP).build();
        HttpAuthenticator authenticator = HttpAuthenticator.of(validator, new AdapterOptions("api", false, false, null,
                null), SenderConstraintOptions.from(JweSettings.of(Map.of("jwe.dpop", "allowed"))), "cli test");
        return authenticator.authenticate(new RequestView() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public List<String> headers(String name) {
                return switch (name) {
                    case "Authorization" -> List.of("DPoP " + token);
                    case "DPoP" -> List.of(proof);
                    default -> List.of();
                };
            }

            @Override
            public RequestInfo info() {
                return new RequestInfo(null, "GET", "/orders");
            }

            @Override
            public String url() {
                return URL;
            }
        });
    }

    @Test
    void dpopProofWhenTokenMintedWithTheKeysThumbprintThenTheRequestIsAuthenticated() {
        String thumbprint = line(run("dpop", "thumbprint", "--key", clientJwk.toString()));
        String token = mint("--cnf-jkt", thumbprint);
        String proof = line(run("dpop", "proof", "--key", clientJwk.toString(), "--htm", "GET", "--htu", URL + "?x=1",
                "--token", token));

        assertThat(authenticate(token, proof)).isInstanceOfSatisfying(Authentication.Authenticated.class,
                ok -> assertThat(ok.token().confirmationKeyThumbprint()).contains(thumbprint));
        String header = new String(Base64.getUrlDecoder().decode(proof.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"typ\":\"dpop+jwt\"", "\"alg\":\"ES256\"").doesNotContain("\"d\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--cnf-jkt", "--cnf-x5t"})
    void mintWhenThumbprintStartsWithADashThenItIsTheOptionsValue(String option) throws Exception {
        // base64url of SHA-256 starts with '-' for one key in 64: "-h..." must not be read as -h (help)
        String thumbprint = "-hU9vOQ5toACIAYdl6eKDVo07j3GNfWxff161I8Av1M";
        VerifiedToken token = JweTokenValidator.builder().decryptionKeys(KeySource.of(Fixture.ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(Fixture.SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).auditListener(AuditListener.NOOP).build().validate(mint(option, thumbprint));
        assertThat(option.equals("--cnf-jkt") ? token.confirmationKeyThumbprint()
                : token.confirmationCertificateThumbprint()).contains(thumbprint);
    }

    @Test
    void dpopProofWhenKeyIsAJwkSetThenItsOnePrivateKeyIsUsed() throws IOException {
        Path set = Cli.privateJwks(dir, "client.jwks.json", CLIENT);
        assertThat(line(run("dpop", "thumbprint", "--key", set.toString())))
                .isEqualTo(line(run("dpop", "thumbprint", "--key", clientJwk.toString())));
    }

    @Test
    void dpopProofWhenForAnotherUrlThenProofMismatch() {
        String token = mint("--cnf-jkt", line(run("dpop", "thumbprint", "--key", clientJwk.toString())));
        String proof = line(run("dpop", "proof", "--key", clientJwk.toString(), "--htm", "GET", "--htu",
                "https://api.example.com/other", "--token", token));
        assertThat(authenticate(token, proof)).isInstanceOfSatisfying(Authentication.Answer.class,
                a -> assertThat(a.response().reason()).isEqualTo(Reason.DPOP_PROOF_MISMATCH));
    }

    @Test
    void dpopProofWhenKeyFileHasNoPrivateKeyThenUsageErrorNamingTheOption() throws IOException {
        Cli.Result r = run("dpop", "proof", "--key", Cli.publicJwks(dir, "pub.json", CLIENT).toString(), "--htm", "GET",
                "--htu", URL);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--key");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mintWhenCnfOptionsThenTokenCarriesBothThumbprints() throws Exception {
        String jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
        String x5t = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2";
        String token = mint("--cnf-jkt", jkt, "--cnf-x5t", x5t);
        var verified = JweTokenValidator.builder().decryptionKeys(KeySource.of(Fixture.ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(Fixture.SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).auditListener(AuditListener.NOOP).build().validate(token);
        assertThat(verified.confirmationKeyThumbprint()).contains(jkt);
        assertThat(verified.confirmationCertificateThumbprint()).contains(x5t);
    }

    @Test
    void mintWhenCnfJktIsNotAThumbprintThenUsageError() {
        Cli.Result r = run("mint", "--encryption-keys", fx.encPublic.toString(), "--signing-keys",
                fx.sigPrivate.toString(), "--cnf-jkt", "not-a-thumbprint");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--cnf-jkt");
    }
}
