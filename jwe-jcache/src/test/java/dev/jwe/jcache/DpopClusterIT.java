package dev.jwe.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.jwe.core.AuditListener;
import dev.jwe.core.DpopProofs;
import dev.jwe.core.JweSettings;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.http.AdapterOptions;
import dev.jwe.core.http.Authentication;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import dev.jwe.core.http.SenderConstraintOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A DPoP proof is good once in the whole cluster: two replicas, each an embedded Hazelcast member
 * with its own JCache store view and validator, authenticate through the HTTP decision every
 * adapter uses; a proof accepted on one is {@code invalid_dpop_proof} on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DpopClusterIT {
    private static final KeyEntry ENC = TestKeys.oct("enc", 32);
    private static final KeyEntry SIG = TestKeys.oct("sig", 32);
    private static final String URL = "https://api.example.com/orders";
    private static final DpopProofs.ClientKey CLIENT = DpopProofs.ec();

    private final HazelcastMembers cluster = new HazelcastMembers(2);
    private HttpAuthenticator a;
    private HttpAuthenticator b;

    /** A request as an adapter presents it. */
    private record Request(String token, String proof) implements RequestView {
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
            return new RequestInfo("192.0.2.7", "GET", "/orders");
        }

        @Override
        public String url() {
            return URL;
        }
    }

    @BeforeAll
    void startCluster() {
        a = replica(cluster.start(0));
        b = replica(cluster.start(1));
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private HttpAuthenticator replica(HazelcastInstance member) {
        RevocationStore store = JCacheRevocationStore.builder(cluster.cacheManager(member)).build();
        JweTokenValidator validator = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(SIG)).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .auditListener(AuditListener.NOOP).revocationStore(store).build();
        return HttpAuthenticator.of(validator, new AdapterOptions("api", false, false, null, null),
                SenderConstraintOptions.from(JweSettings.of(Map.of("jwe.dpop", "allowed"))), "replica");
    }

    private static String token() {
        Map<String, Object> claims = new LinkedHashMap<>(TokenIssuer.claims(Clock.systemUTC()).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).subject("alice").expiresIn(Duration.ofMinutes(10)).build());
        claims.put("cnf", Map.of("jkt", CLIENT.thumbprint()));
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    @Test
    void authenticateWhenProofUsedOnReplicaAThenReplicaBRefusesItAsReplayed() {
        String token = token();
        String proof = DpopProofs.proof(CLIENT, "GET", URL, token, Instant.now()).sign();
        assertThat(a.authenticate(new Request(token, proof))).isInstanceOf(Authentication.Authenticated.class);
        Authentication second = b.authenticate(new Request(token, proof));
        assertThat(second).isInstanceOfSatisfying(Authentication.Answer.class, answer -> {
            assertThat(answer.response().reason()).isEqualTo(Reason.DPOP_PROOF_REPLAYED);
            assertThat(answer.response().headers().get("WWW-Authenticate"))
                    .contains("DPoP error=\"invalid_dpop_proof\"");
        });
        // a fresh proof for the same token works on either replica
        assertThat(b.authenticate(new Request(token, DpopProofs.proof(CLIENT, "GET", URL, token, Instant.now()).sign())))
                .isInstanceOf(Authentication.Authenticated.class);
    }
}
