package dev.jwe.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import dev.jwe.core.AuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.RevocationStoreException;
import dev.jwe.core.TestClock;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.VerifiedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three replicas, each an embedded Hazelcast 5.7 member on 127.0.0.1 (TCP-IP join, multicast off)
 * with its own JCache view and its own validator, as three WAR replicas would run. The tests run
 * in order: the last ones take members away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationClusterIT {
    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);
    private static final RequestInfo REQUEST = new RequestInfo("192.0.2.7", "POST", "/payments");

    /** One WAR replica: its member, its store on that member, its validator on that store. */
    private record Replica(HazelcastInstance member, RevocationStore store, JweTokenValidator validator) {
    }

    private final TestClock clock = new TestClock();
    private final HazelcastMembers cluster = new HazelcastMembers(3);
    private final List<Replica> replicas = new ArrayList<>();
    private Replica a;
    private Replica b;
    private Replica c;

    @BeforeAll
    void startCluster() {
        for (int i = 0; i < 3; i++) {
            HazelcastInstance member = cluster.start(i);
            RevocationStore store = JCacheRevocationStore.builder(cluster.cacheManager(member))
                    .replayWindow(Duration.ofMinutes(15)).clock(clock).build();
            replicas.add(new Replica(member, store, validator(store).build()));
        }
        a = replicas.get(0);
        b = replicas.get(1);
        c = replicas.get(2);
        assertThat(c.member().getCluster().getMembers()).hasSize(3);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private JweTokenValidator.Builder validator(RevocationStore store) {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG))).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).clock(clock).auditListener(AuditListener.NOOP).revocationStore(store);
    }

    private String token(String subject) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build()
                .issue(TokenIssuer.claims(clock).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).subject(subject)
                        .expiresIn(Duration.ofMinutes(10)).build());
    }

    private static void assertRejected(Callable<?> call, Reason reason) {
        assertThatThrownBy(call::call).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    @Order(1)
    void validateWhenTokenRevokedOnMemberAThenMemberBRejectsItOnItsNextRequestEvenFromItsCache() throws Exception {
        String token = token("alice");
        b.validator().validate(token, REQUEST);
        assertThat(b.validator().validate(token, REQUEST).metadata().cached()).isTrue();
        c.validator().validate(token, REQUEST);
        VerifiedToken onA = a.validator().validate(token, REQUEST);

        a.validator().revocationStore().revoke(onA);

        assertRejected(() -> b.validator().validate(token, REQUEST), Reason.REVOKED);
        assertRejected(() -> c.validator().validate(token, REQUEST), Reason.REVOKED);
        assertRejected(() -> a.validator().validate(token, REQUEST), Reason.REVOKED);
        assertThat(b.validator().validate(token("alice"), REQUEST).subject()).contains("alice");
    }

    @Test
    @Order(2)
    void validateWhenSubjectRevokedOnMemberCThenOlderTokensRejectedEverywhereAndNewOnesAccepted() throws Exception {
        String older = token("bob");
        a.validator().validate(older);
        c.validator().revocationStore().revokeSubject(TestKeys.ISSUER, "bob", clock.instant());
        clock.advance(Duration.ofSeconds(1));
        String newer = token("bob");

        assertRejected(() -> a.validator().validate(older), Reason.REVOKED);
        assertRejected(() -> b.validator().validate(older), Reason.REVOKED);
        assertThat(a.validator().validate(newer).subject()).contains("bob");
        assertThat(b.validator().validate(newer).subject()).contains("bob");
    }

    @Test
    @Order(3)
    void validateSingleUseWhenTokenUsedOnMemberAThenRefusedOnMembersBAndC() throws Exception {
        String oneTime = token("carol");
        assertThat(a.validator().validateSingleUse(oneTime, REQUEST).subject()).contains("carol");
        assertRejected(() -> b.validator().validateSingleUse(oneTime, REQUEST), Reason.REPLAYED);
        assertRejected(() -> c.validator().validateSingleUse(oneTime, REQUEST), Reason.REPLAYED);
        assertRejected(() -> a.validator().validateSingleUse(oneTime, REQUEST), Reason.REPLAYED);
    }

    @Test
    @Order(4)
    void validateSingleUseWhenThreeMembersRaceForOneTokenThenExactlyOneAccepts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
        try {
            for (int round = 0; round < 8; round++) {
                String oneTime = token("dave");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Reason>> outcomes = new ArrayList<>();
                for (Replica r : replicas) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            r.validator().validateSingleUse(oneTime, REQUEST);
                            return null;
                        } catch (TokenRejectedException e) {
                            return e.reason();
                        }
                    }));
                }
                start.countDown();
                List<Reason> reasons = new ArrayList<>();
                for (Future<Reason> f : outcomes) {
                    reasons.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(reasons).as("round %s", round).containsOnlyOnce((Reason) null)
                        .filteredOn(r -> r != null).containsOnly(Reason.REPLAYED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(5)
    void isRevokedWhenMembersLeaveOrCrashThenTheRemainingMembersKeepTheList() throws Exception {
        Instant exp = clock.instant().plus(Duration.ofMinutes(10));
        int n = 60; // with 71 partitions over 3 members, member A owns some of these keys
        for (int i = 0; i < n; i++) {
            a.store().revokeToken(TestKeys.ISSUER, "revoked-" + i, exp);
            assertThat(a.store().recordUse(TestKeys.ISSUER, "used-" + i, exp)).isTrue();
        }
        a.store().revokeSubject(TestKeys.ISSUER, "erin", clock.instant());
        String token = token("frank");
        a.store().revoke(a.validator().validate(token));

        a.member().shutdown(); // a graceful leave
        await("B sees 2 members", () -> b.member().getCluster().getMembers().size() == 2);
        assertKept(b, n, token);
        assertKept(c, n, token);

        await("partitions backed up", () -> c.member().getPartitionService().isClusterSafe());
        b.member().getLifecycleService().terminate(); // a crash: C holds the backups
        assertKept(c, n, token);
        await("C alone", () -> c.member().getCluster().getMembers().size() == 1);
    }

    private void assertKept(Replica r, int n, String token) {
        for (int i = 0; i < n; i++) {
            assertThat(r.store().isRevoked(TestKeys.ISSUER, "revoked-" + i, null, null)).as("revoked-%s", i).isTrue();
            assertThat(r.store().recordUse(TestKeys.ISSUER, "used-" + i, clock.instant().plusSeconds(600)))
                    .as("used-%s", i).isFalse();
        }
        assertThat(r.store().isRevoked(TestKeys.ISSUER, null, "erin", clock.instant().minusSeconds(5))).isTrue();
        assertRejected(() -> r.validator().validate(token), Reason.REVOKED);
    }

    /** Cluster membership and migration settle asynchronously; wait for them, 30 s at most. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within 30 s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    @Order(6)
    void validateWhenTheStoreIsDownThenRevocationFailsOpenAndReplayFailsClosed() throws Exception {
        // Replica A's member has left: its store answers nothing.
        JweTokenValidator failOpen = a.validator();
        assertThat(failOpen.validate(token("gina")).subject()).contains("gina");
        assertThat(failOpen.failOpenCount()).isEqualTo(1);
        assertThatThrownBy(() -> failOpen.validateSingleUse(token("gina"), REQUEST))
                .isInstanceOf(RevocationStoreException.class);

        JweTokenValidator failClosed = validator(a.store()).revocationFailClosed().build();
        assertThatThrownBy(() -> failClosed.validate(token("gina")))
                .isInstanceOf(ValidationUnavailableException.class)
                .hasMessageStartingWith("jcache(cache=jwe-revocations");
    }
}
