package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hazelcast.core.HazelcastInstance;
import dev.jwe.core.AuditListener;
import dev.jwe.core.JweSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.Reason;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.jcache.HazelcastMembers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwe revoke} against a shared JCache store on an embedded Hazelcast member. */
class RevokeCommandTest {
    private static HazelcastMembers cluster;
    private static HazelcastInstance member;

    @TempDir
    Path dir;

    private Fixture fx;

    @BeforeAll
    static void startMember() {
        cluster = new HazelcastMembers(1);
        member = cluster.start(0);
    }

    @AfterAll
    static void stopMember() {
        cluster.close();
    }

    @BeforeEach
    void keys() throws Exception {
        fx = new Fixture(dir);
    }

    /** The settings of the servers, which this command shares: keys, issuer, audience, the store. */
    private Map<String, String> serverSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jwe.decryption.keys", fx.encPrivate.toString());
        m.put("jwe.verification.keys", fx.sigPublic.toString());
        m.put("jwe.issuer", TestKeys.ISSUER);
        m.put("jwe.audience", TestKeys.AUDIENCE);
        m.put("jwe.revocation.store", "jcache");
        m.put("jwe.revocation.jcache.provider", HazelcastMembers.MEMBER_PROVIDER);
        m.put("jwe.revocation.jcache.properties", "hazelcast.instance.name=" + member.getName());
        return m;
    }

    private String[] revoke(String... more) {
        List<String> args = new ArrayList<>(List.of("revoke"));
        serverSettings().forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** A server's validator, built from the same settings. */
    private JweTokenValidator server() {
        return JweSettings.of(serverSettings()).toValidatorBuilder().clock(TestKeys.CLOCK)
                .auditListener(AuditListener.NOOP).build();
    }

    private static Reason rejection(JweTokenValidator v, String token) {
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> v.validate(token));
        assertThat(e).as("expected a rejection").isNotNull();
        return e.reason();
    }

    private static String tokenFor(String sub, String jti) {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("sub", sub);
        claims.put("jti", jti);
        return Fixture.token(claims);
    }

    @Test
    void revokeWhenTokenGivenThenServersRejectItAsRevoked() throws Exception {
        String token = tokenFor("alice", UUID.randomUUID().toString());
        JweTokenValidator server = server();
        assertThat(server.validate(token).principalName()).isEqualTo("alice");

        Cli.Result r = Cli.run("", revoke("--token", token));

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"revoked\":\"token\",\"iss\":\"" + TestKeys.ISSUER + "\",\"jti\":\"")
                .doesNotContain(token.substring(0, 40));
        assertThat(rejection(server, token)).isEqualTo(Reason.REVOKED);
    }

    @Test
    void revokeWhenJtiGivenThenServersRejectThatTokenOnly() throws Exception {
        String jti = UUID.randomUUID().toString();
        String revoked = tokenFor("bob", jti);
        String other = tokenFor("bob", UUID.randomUUID().toString());
        long exp = TestKeys.NOW.getEpochSecond() + 600;

        Cli.Result r = Cli.run("", revoke("--jti", jti, "--iss", TestKeys.ISSUER, "--exp", Long.toString(exp)));

        assertThat(r.status()).as(r.err()).isZero();
        JweTokenValidator server = server();
        assertThat(rejection(server, revoked)).isEqualTo(Reason.REVOKED);
        assertThat(server.validate(other).principalName()).isEqualTo("bob");
    }

    @Test
    void revokeWhenSubjectGivenThenEveryEarlierTokenOfItRejected() throws Exception {
        String first = tokenFor("carol", UUID.randomUUID().toString());
        String second = tokenFor("carol", UUID.randomUUID().toString());
        String someoneElse = tokenFor("dave", UUID.randomUUID().toString());

        Cli.Result r = Cli.run("", revoke("--sub", "carol", "--iss", TestKeys.ISSUER));

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"revoked\":\"subject\"", "\"sub\":\"carol\"");
        JweTokenValidator server = server();
        assertThat(rejection(server, first)).isEqualTo(Reason.REVOKED);
        assertThat(rejection(server, second)).isEqualTo(Reason.REVOKED);
        assertThat(server.validate(someoneElse).principalName()).isEqualTo("dave");
    }

    @Test
    void revokeWhenInMemoryStoreThenUsageErrorNamingTheSetting() {
        Cli.Result r = Cli.run("", fx.command("revoke", "--jti", "x", "--iss", TestKeys.ISSUER, "--exp", "2000000000"));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("jwe.revocation.store").contains("in-memory");
    }

    @Test
    void revokeWhenGivenTokenInvalidThenExit1WithVerdict() {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("aud", "someone-else");
        Cli.Result r = Cli.run("", revoke("--token", Fixture.token(claims)));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("\"valid\":false", "\"reason\":\"INVALID_AUDIENCE\"");
    }

    @Test
    void revokeWhenIssuerMissingOrTargetMissingThenUsageError() {
        Cli.Result noIssuer = Cli.run("", revoke("--jti", "x", "--exp", "2000000000"));
        assertThat(noIssuer.status()).isEqualTo(2);
        assertThat(noIssuer.err()).contains("--iss");

        Cli.Result noTarget = Cli.run("", revoke());
        assertThat(noTarget.status()).isEqualTo(2);

        Cli.Result badExp = Cli.run("", revoke("--jti", "x", "--iss", "i", "--exp", "tomorrow"));
        assertThat(badExp.status()).isEqualTo(2);
        assertThat(badExp.err()).contains("--exp");
    }
}
