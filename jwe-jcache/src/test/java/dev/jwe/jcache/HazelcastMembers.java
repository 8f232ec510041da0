package dev.jwe.jcache;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;

/**
 * Embedded Hazelcast members of one test cluster on 127.0.0.1: multicast and auto-detection off,
 * TCP-IP join on ports picked free at test time, a cluster name unique to the test, phone-home
 * off, short timeouts. Shuts every member down on close.
 */
public final class HazelcastMembers implements AutoCloseable {
    /** The member-side provider: a cache manager on an embedded member, no client. */
    public static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";

    private final String clusterName = "jwe-test-" + UUID.randomUUID();
    private final List<Integer> ports = new ArrayList<>();
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<CacheManager> managers = new ArrayList<>();

    /**
     * @param size how many members the cluster will have (ports are reserved now)
     */
    public HazelcastMembers(int size) {
        while (ports.size() < size) {
            int port = freePort();
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts member {@code index} (0-based); it joins the members already running. */
    public HazelcastInstance start(int index) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + index);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.partition.count", "71");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "30");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(ports.get(index)).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
        for (int port : ports) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        return member;
    }

    /**
     * A cache manager bound to this very member, as a replica in its own JVM would open it: its
     * own provider instance, the default URI and class loader (Hazelcast scopes cache names by
     * both, so every replica must open the same).
     */
    public CacheManager cacheManager(HazelcastInstance member) {
        CachingProvider provider = new HazelcastMemberCachingProvider();
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(member));
        managers.add(manager);
        return manager;
    }

    /** Test teardown: no graceful leave needed, so terminate (fast). */
    @Override
    public void close() {
        for (CacheManager m : managers) {
            try {
                m.close();
            } catch (RuntimeException e) {
                // its member is gone already
            }
        }
        for (HazelcastInstance member : members) {
            if (member.getLifecycleService().isRunning()) {
                member.getLifecycleService().terminate();
            }
        }
    }
}
