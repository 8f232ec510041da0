package dev.jwe.benchmarks;

import dev.jwe.core.JweSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.AdapterOptions;
import dev.jwe.core.http.Authentication;
import dev.jwe.core.http.DpopProofIssuer;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import dev.jwe.core.http.SenderConstraintOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * DPoP (RFC 9449) on the cached path: the token is served from the verified-token cache, the proof
 * (ES256, the usual client choice) is parsed, verified and checked against the request on every
 * call, through {@link HttpAuthenticator} as an adapter calls it. {@link #jweCached()} is the same
 * validator without DPoP in the same run, for the ratio. The validator's store is
 * {@link NoRevocationStore}, so that one proof can be sent again and again (a real store would
 * refuse the second use): the proof's {@code jti} write costs about what {@code jweCached}'s
 * revocation lookup costs and is left out of both. {@link #setUp()} checks that the DPoP request is
 * authenticated and that a proof for another URL is refused before anything is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DpopBenchmark {
    private static final String URL = "https://api.example.com/orders";

    /** JWE alg + enc + inner JWS alg, as in {@link ValidationBenchmark}. */
    @Param({"RSA-OAEP-256+A256GCM+RS256", "ECDH-ES+A256KW+A256GCM+ES256", "dir+A256GCM"})
    public String suite;

    private String token;
    private JweTokenValidator validator;
    private HttpAuthenticator authenticator;
    private RequestView request;

    /** A DPoP request as an adapter presents it. */
    private record Request(String authorization, String proof, String url) implements RequestView {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public List<String> headers(String name) {
            return switch (name) {
                case "Authorization" -> List.of(authorization);
                case "DPoP" -> List.of(proof);
                default -> List.of();
            };
        }

        @Override
        public RequestInfo info() {
            return new RequestInfo("192.0.2.1", "GET", "/orders");
        }

        @Override
        public String url() {
            return url;
        }
    }

    /**
     * A bound token, its proof and the authenticator; fails unless the request is authenticated
     * from the cache and a proof for another URL is refused.
     *
     * @throws Exception when a path misbehaves
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture f = new Fixture(suite);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair client = g.generateKeyPair();
        DpopProofIssuer proofs = DpopProofIssuer.of(KeyEntry.of(null, client.getPrivate(), client.getPublic()),
                Clock.systemUTC());
        Map<String, Object> claims = new LinkedHashMap<>(Fixture.claims(f.clock));
        claims.put("cnf", Map.of("jkt", proofs.thumbprint()));
        token = f.mint(claims);
        validator = f.jwe(10_000, new NoRevocationStore());
        authenticator = HttpAuthenticator.of(validator, new AdapterOptions("api", false, false, null, null),
                SenderConstraintOptions.from(JweSettings.of(Map.of("jwe.dpop", "allowed", "jwe.dpop.max-age", "PT10M"))),
                "benchmark");
        request = new Request("DPoP " + token, proofs.proof("GET", URL, token, null), URL);
        validator.validate(token);
        if (!(dpopCached() instanceof Authentication.Authenticated ok) || !ok.token().metadata().cached()) {
            throw new IllegalStateException("dpopCached did not authenticate from the cache");
        }
        if (!jweCached().metadata().cached()) {
            throw new IllegalStateException("jweCached did not hit the cache");
        }
        RequestView other = new Request("DPoP " + token, proofs.proof("GET", URL + "/7", token, null), URL);
        if (!(authenticator.authenticate(other) instanceof Authentication.Answer)) {
            throw new IllegalStateException("a proof for another URL was accepted");
        }
    }

    /** The token from the cache, no DPoP: the baseline of the ratio. */
    @Benchmark
    public VerifiedToken jweCached() throws Exception {
        return validator.validate(token);
    }

    /** The token from the cache and the proof checked (signature, htm, htu, ath, iat, jkt). */
    @Benchmark
    public Authentication dpopCached() {
        return authenticator.authenticate(request);
    }
}
