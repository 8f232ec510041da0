package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.IssuerServer;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwe validate} with two issuers whose keys are discovered from a loopback identity provider. */
class ValidateIssuersTest {
    private static final KeyEntry SIG_KC = TestKeys.ec("kc-1", "P-256");
    private static final KeyEntry SIG_PARTNER = TestKeys.ec("partner-1", "P-256");

    @TempDir
    Path dir;

    private IssuerServer idp;
    private String kc;
    private String partner;

    @BeforeEach
    void start() throws Exception {
        idp = new IssuerServer();
        kc = idp.issuer("/realms/main");
        partner = idp.issuer("/partner");
        idp.keys("/realms/main", SIG_KC).openIdConfiguration("/realms/main", kc);
        idp.keys("/partner", SIG_PARTNER).authorizationServerMetadata("/partner", partner);
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private String[] validate() throws Exception {
        return new String[] {"validate", "--set", "jwe.decryption.keys=" + Cli.privateJwks(dir, "enc.jwks.json", Fixture.ENC),
                "--set", "jwe.audience=" + TestKeys.AUDIENCE, "--set", "jwe.issuers=kc,partner",
                "--set", "jwe.issuers.kc.issuer=" + kc, "--set", "jwe.issuers.partner.issuer=" + partner};
    }

    private static String token(KeyEntry signer, String iss) {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("iss", iss);
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(Fixture.ENC)).signingKey(signer).build()
                .issue(claims);
    }

    @Test
    void validateWhenEachIssuersTokenThenValidAndCrossSignedTokenRejected() throws Exception {
        Cli.Result r = Cli.run(token(SIG_KC, kc) + "\n" + token(SIG_PARTNER, partner) + "\n"
                + token(SIG_PARTNER, kc) + "\n", validate());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(0)).contains("\"valid\":true", "\"iss\":\"" + kc + "\"");
        assertThat(r.lines().get(1)).contains("\"valid\":true", "\"iss\":\"" + partner + "\"");
        assertThat(r.lines().get(2)).contains("\"valid\":false", "\"reason\":\"UNKNOWN_KEY\"");
    }

    @Test
    void validateWhenDiscoveredIssuerDiffersThenExit2NamingTheSettingAndBothIssuers() throws Exception {
        idp.openIdConfiguration("/realms/main", "https://sso.example/realms/main");

        Cli.Result r = Cli.run(token(SIG_KC, kc) + "\n", validate());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("jwe validate: jwe.issuers.kc.issuer: The metadata at " + kc
                + "/.well-known/openid-configuration names issuer 'https://sso.example/realms/main', not the"
                + " configured '" + kc + "'");
    }
}
