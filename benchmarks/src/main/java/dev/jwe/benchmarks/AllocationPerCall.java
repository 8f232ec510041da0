package dev.jwe.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;

/**
 * Heap bytes allocated per call of the cached-path benchmark methods, counted by the JVM for the
 * calling thread ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) over 200,000
 * calls after as many warm-up calls: exact whatever else runs on the machine, where JMH's
 * {@code -prof gc} divides the whole JVM's allocation by the operations and grows error bars when
 * the machine is busy. Calls go through reflection (a few dozen bytes more than JMH reports for
 * every method alike). Usage: {@code java -cp benchmarks.jar dev.jwe.benchmarks.AllocationPerCall}.
 */
public final class AllocationPerCall {
    private static final int CALLS = 200_000;

    private AllocationPerCall() {
    }

    /**
     * @param args ignored
     * @throws Exception when a benchmark's set-up fails
     */
    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (String suite : new String[] {"RSA-OAEP-256+A256GCM+RS256", "dir+A256GCM"}) {
            ValidationBenchmark b = new ValidationBenchmark();
            b.suite = suite;
            b.setUp();
            for (String name : new String[] {"jweCached", "jweCachedNoRevocation", "sha256Token"}) {
                Method m = ValidationBenchmark.class.getMethod(name);
                Object last = null;
                for (int i = 0; i < CALLS; i++) {
                    last = m.invoke(b);
                }
                long before = threads.getThreadAllocatedBytes(self);
                for (int i = 0; i < CALLS; i++) {
                    last = m.invoke(b);
                }
                long after = threads.getThreadAllocatedBytes(self);
                System.out.printf("%s %s %.0f bytes/call%s%n", suite, name, (after - before) / (double) CALLS,
                        last == null ? " (no result)" : "");
            }
        }
    }
}
