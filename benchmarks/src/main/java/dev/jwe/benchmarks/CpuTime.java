package dev.jwe.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A cross-check for shared, busy machines, where JMH's wall-clock scores swing by tens of percent:
 * calls the {@link ValidationBenchmark} methods of one suite in a loop and reports the calling
 * thread's CPU time per call, which other processes disturb far less (caches and frequency still
 * do). Not a replacement for JMH: no forks, no blackhole, reflective calls. Each method is run for
 * {@code seconds} of CPU time per round; the first round is warm-up.
 * Usage: {@code java [-Dprovider=accp] -cp benchmarks.jar dev.jwe.benchmarks.CpuTime SUITE [seconds] [rounds] [method,...]}
 * ({@code -Dprovider} as {@link ValidationBenchmark#provider}, default {@code jdk}).
 */
public final class CpuTime {
    private CpuTime() {
    }

    /**
     * @param args suite, optional seconds per method and round (default 3), rounds (default 3),
     *     comma-separated methods (default: all but the peers)
     * @throws Exception when set-up or a call fails
     */
    public static void main(String[] args) throws Exception {
        ValidationBenchmark b = new ValidationBenchmark();
        b.suite = args[0];
        b.provider = System.getProperty("provider", "jdk");
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> names = args.length > 3 ? List.of(args[3].split(","))
                : List.of("jcaFloor", "jweUncached", "jweCached", "jweCachedNoRevocation", "sha256Token");
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (String name : names) {
                Method m = ValidationBenchmark.class.getMethod(name);
                long start = mx.getCurrentThreadCpuTime();
                long calls = 0;
                while (mx.getCurrentThreadCpuTime() - start < seconds * 1_000_000_000L) {
                    for (int i = 0; i < 100; i++) {
                        sink += System.identityHashCode(m.invoke(b));
                        calls++;
                    }
                }
                long cpu = mx.getCurrentThreadCpuTime() - start;
                if (round > 0) {
                    System.out.printf("round %d %-16s %12.2f us/op CPU (%d calls)%n", round, name,
                            cpu / 1000.0 / calls, calls);
                }
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
