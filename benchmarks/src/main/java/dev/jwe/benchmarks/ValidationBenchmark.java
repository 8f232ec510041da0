package dev.jwe.benchmarks;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import dev.jwe.micrometer.JweMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
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
 * Validating one nested token (signed JWT in a JWE, or unsigned claims in a {@code dir} JWE) per
 * call, on the same token and keys, by: the JCA floor, raw jose4j, Nimbus, SmallRye JWT, jwe
 * without and with its verified-token cache, jwe's cached path without a revocation lookup
 * ({@link NoRevocationStore}), jwe's cached path with metrics ({@link #jweCachedMetered()}), and
 * one SHA-256 over the token (the floor of any cache lookup).
 * Keys are generated and the token minted once per trial; {@link #setUp()} checks that every
 * path accepts the token and rejects a tampered copy before anything is measured, and that the
 * revocation store of {@link #jweCached()} really rejects a revoked token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ValidationBenchmark {
    /** JWE alg + enc + inner JWS alg; {@code dir+A256GCM} carries unsigned claims. */
    @Param({"RSA-OAEP-256+A256GCM+RS256", "ECDH-ES+A256KW+A256GCM+ES256", "dir+A256GCM"})
    public String suite;

    /**
     * The crypto provider of jwe and of the JCA floor: {@code jdk}, or {@code accp} (Amazon Corretto
     * Crypto Provider passed per operation, never installed: {@code jwe.crypto.provider}). The peers
     * always run on the JVM's default providers; with ACCP installed they are measured by
     * {@link AccpInstalledPeersBenchmark}.
     */
    @Param({"jdk", "accp"})
    public String provider = "jdk";

    private String token;
    private final MessageDigest sha256 = sha256();
    private JcaFloor floor;
    private JwtConsumer jose4j;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private DefaultJWTParser smallrye;
    private JweTokenValidator uncached;
    private JweTokenValidator cached;
    private JweTokenValidator cachedNoRevocation;
    private TokenValidator cachedMetered;
    private PrometheusMeterRegistry registry;

    /** Revoked {@code jti}s of other tokens in the store of {@link #jweCached()}. */
    static final int REVOKED_OTHERS = 10_000;

    /**
     * Keys, token and validators for the suite; fails unless every path accepts the token (with
     * the expected claims) and rejects a copy whose ciphertext was altered.
     *
     * @throws Exception when a path misbehaves
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture f = new Fixture(suite);
        boolean accp = provider.equals("accp");
        String cryptoProvider = accp ? Fixture.accp().getName() : "jdk";
        token = f.token;
        floor = new JcaFloor(f, accp ? Fixture.accp() : null);
        jose4j = f.jose4j();
        nimbus = f.nimbus();
        smallrye = f.smallrye();
        uncached = f.jweBuilder(0).cryptoProvider(cryptoProvider).build();
        cached = f.jweBuilder(10_000).cryptoProvider(cryptoProvider)
                .revocationStore(Fixture.storeWithRevokedOthers(REVOKED_OTHERS, f.clock)).build();
        cachedNoRevocation = f.jweBuilder(10_000).cryptoProvider(cryptoProvider)
                .revocationStore(new NoRevocationStore()).build();
        expect(uncached.cryptoProvider().startsWith(accp ? "AmazonCorrettoCryptoProvider" : "JDK"), "jweUncached provider");
        // As the demo binds it: counter, timer with histogram buckets, cache and key meters.
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JweMetrics metrics = JweMetrics.builder(registry).histogram().build();
        cachedMetered = metrics.bind(f.jweBuilder(10_000).cryptoProvider(cryptoProvider)
                .revocationStore(Fixture.storeWithRevokedOthers(REVOKED_OTHERS, f.clock))
                .auditListener(metrics.auditListener()).build());

        Map<String, Object> expected = JsonUtil.parseJson(f.claimsJson);
        expect(JsonUtil.parseJson(new String(jcaFloor(), StandardCharsets.UTF_8)).equals(expected), "jcaFloor");
        expect(jose4jConsumer().getClaimsMap().equals(expected), "jose4jConsumer");
        expect(nimbusProcessor().getSubject().equals("alice")
                && nimbusProcessor().getAudience().equals(List.of(Fixture.AUDIENCE)), "nimbusProcessor");
        expect(smallryeParser().getSubject().equals("alice")
                && smallryeParser().getGroups().contains("orders-admin"), "smallryeParser");
        expect(jweUncached().claims().equals(expected) && !jweUncached().metadata().cached(), "jweUncached");
        expect(cached.validate(token).claims().equals(expected) && jweCached().metadata().cached(), "jweCached");
        expect(cachedNoRevocation.validate(token).claims().equals(expected)
                && jweCachedNoRevocation().metadata().cached(), "jweCachedNoRevocation");
        expect(cachedMetered.validate(token).claims().equals(expected) && jweCachedMetered().metadata().cached()
                && registry.get("jwe.validations").tags("outcome", "accepted", "cached", "true").counter().count() >= 1
                && registry.get("jwe.validation").tags("cached", "false").timer().count() == 1, "jweCachedMetered");
        expect(sha256Token().length == 32, "sha256Token");
        // The lookup measured is a real one: a token whose jti is in the store is refused.
        String revoked = f.mint(Fixture.claims(f.clock, Fixture.REVOKED_JTI_PREFIX + (REVOKED_OTHERS - 1)));
        rejects(() -> cached.validate(revoked), "jweCached (revoked token)");
        expect(cachedNoRevocation.validate(revoked).subject().equals(Optional.of("alice")),
                "jweCachedNoRevocation (revoked token)");

        String tampered = tamper(token);
        rejects(() -> floor.validate(tampered), "jcaFloor");
        rejects(() -> jose4j.processToClaims(tampered), "jose4jConsumer");
        rejects(() -> nimbus.process(tampered, null), "nimbusProcessor");
        rejects(() -> smallrye.parse(tampered), "smallryeParser");
        rejects(() -> uncached.validate(tampered), "jweUncached");
        rejects(() -> cached.validate(tampered), "jweCached");
        rejects(() -> cachedNoRevocation.validate(tampered), "jweCachedNoRevocation");
        rejects(() -> cachedMetered.validate(tampered), "jweCachedMetered");
    }

    /** Changes one character in the middle of the ciphertext segment. */
    static String tamper(String token) {
        int start = token.indexOf('.', token.indexOf('.', token.indexOf('.') + 1) + 1) + 1;
        int end = token.indexOf('.', start);
        int i = (start + end) / 2;
        char c = token.charAt(i) == 'A' ? 'B' : 'A';
        return token.substring(0, i) + c + token.substring(i + 1);
    }

    private static void expect(boolean ok, String path) {
        if (!ok) {
            throw new IllegalStateException(path + " did not return the expected claims");
        }
    }

    private static void rejects(Callable<?> call, String path) {
        try {
            call.call();
        } catch (Exception e) {
            return;
        }
        throw new IllegalStateException(path + " accepted a tampered token");
    }

    /** @return the claims bytes, after decryption and the signature check */
    @Benchmark
    public byte[] jcaFloor() throws Exception {
        return floor.validate(token);
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

    /** @return the verified token (cache off) */
    @Benchmark
    public VerifiedToken jweUncached() throws Exception {
        return uncached.validate(token);
    }

    /**
     * @return the verified token (cache on, the same token every time; the default in-memory
     *     revocation store, holding {@value #REVOKED_OTHERS} revoked {@code jti}s of other tokens)
     */
    @Benchmark
    public VerifiedToken jweCached() throws Exception {
        return cached.validate(token);
    }

    /** @return the verified token (as {@link #jweCached()}, with a store that does no work) */
    @Benchmark
    public VerifiedToken jweCachedNoRevocation() throws Exception {
        return cachedNoRevocation.validate(token);
    }

    /**
     * @return the verified token (as {@link #jweCached()}, the validator bound to jwe-micrometer on a
     *     Prometheus registry with the timer's histogram, its audit listener the metrics listener:
     *     what metrics cost on the cached path)
     */
    @Benchmark
    public VerifiedToken jweCachedMetered() throws Exception {
        return cachedMetered.validate(token);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The floor of any cache lookup keyed by the token: one SHA-256 over its bytes, done the
     * cheapest way the JDK offers (a clone of a ready engine, not {@code MessageDigest.getInstance}
     * with its provider look-up; UTF-8, which for an ASCII string is one check and a copy).
     *
     * @return SHA-256 over the token text
     * @throws CloneNotSupportedException never with the JDK's SHA-256
     */
    @Benchmark
    public byte[] sha256Token() throws CloneNotSupportedException {
        return ((MessageDigest) sha256.clone()).digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
