package dev.jwe.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.VerifiedToken;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import java.security.Security;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fairness row: the peers (raw jose4j, Nimbus, SmallRye) with Amazon Corretto Crypto Provider
 * installed globally as the JVM's first provider ({@code AmazonCorrettoCryptoProvider.install()},
 * as a user of a peer would do), next to jwe's uncached path (which, with {@code auto}, takes the
 * registered provider). Its own class and forks, so that the installation never reaches
 * {@link ValidationBenchmark}'s measurements (JMH forks a JVM per benchmark and parameter set).
 * {@link #setUp()} checks that every path accepts the token and rejects a tampered copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AccpInstalledPeersBenchmark {
    /** As in {@link ValidationBenchmark}. */
    @Param({"RSA-OAEP-256+A256GCM+RS256", "ECDH-ES+A256KW+A256GCM+ES256", "dir+A256GCM"})
    public String suite;

    private String token;
    private JwtConsumer jose4j;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private DefaultJWTParser smallrye;
    private JweTokenValidator uncached;

    /**
     * Installs ACCP, then builds the paths; fails unless ACCP is the first provider and every path
     * accepts the token and rejects a tampered copy.
     *
     * @throws Exception when a path misbehaves
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture.accp();
        AmazonCorrettoCryptoProvider.install();
        if (!Security.getProviders()[0].getName().equals(AmazonCorrettoCryptoProvider.PROVIDER_NAME)) {
            throw new IllegalStateException("ACCP is not the first provider");
        }
        Fixture f = new Fixture(suite);
        token = f.token;
        jose4j = f.jose4j();
        nimbus = f.nimbus();
        smallrye = f.smallrye();
        uncached = f.jwe(0);
        jose4jConsumer();
        nimbusProcessor();
        smallryeParser();
        if (!jweUncached().subject().orElseThrow().equals("alice")
                || !uncached.cryptoProvider().startsWith(AmazonCorrettoCryptoProvider.PROVIDER_NAME)) {
            throw new IllegalStateException("jweUncached did not validate with ACCP");
        }
        String tampered = ValidationBenchmark.tamper(token);
        for (Runnable r : new Runnable[] {() -> call(() -> jose4j.processToClaims(tampered)),
                () -> call(() -> nimbus.process(tampered, null)), () -> call(() -> smallrye.parse(tampered)),
                () -> call(() -> uncached.validate(tampered))}) {
            try {
                r.run();
            } catch (IllegalArgumentException rejected) {
                continue;
            }
            throw new IllegalStateException("a path accepted a tampered token");
        }
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static void call(Call c) {
        try {
            c.call();
        } catch (Exception e) {
            throw new IllegalArgumentException("rejected");
        }
    }

    /** @return the claims */
    @Benchmark
    public JwtClaims jose4jConsumer() throws Exception {
        return jose4j.processToClaims(token);
    }

    /** @return the claims */
    @Benchmark
    public JWTClaimsSet nimbusProcessor() throws Exception {
        return nimbus.process(token, null);
    }

    /** @return the token */
    @Benchmark
    public JsonWebToken smallryeParser() throws Exception {
        return smallrye.parse(token);
    }

    /** @return the verified token (cache off; {@code auto} finds the installed ACCP) */
    @Benchmark
    public VerifiedToken jweUncached() throws Exception {
        return uncached.validate(token);
    }
}
