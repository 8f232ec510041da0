package dev.jwe.benchmarks;

import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.TokenRejectedException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Map;

/**
 * Approximate heap cost of one verified-token cache entry: fills the cache of a validator with N
 * distinct tokens (typical access-token claims, {@code dir+A256GCM} so that minting is cheap; the
 * entry does not depend on the suite beyond a few header strings) and compares the used heap after
 * full GCs before and after. Nothing else is retained between the two measurements: token strings
 * are dropped after validation. Usage: {@code java -cp benchmarks.jar dev.jwe.benchmarks.CacheFootprint [N]}.
 */
public final class CacheFootprint {
    private CacheFootprint() {
    }

    /**
     * @param args optional entry count (default 20000)
     * @throws TokenRejectedException if a minted token is not accepted (a bug)
     */
    public static void main(String[] args) throws TokenRejectedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Fixture f = new Fixture("dir+A256GCM");
        JweTokenValidator validator = f.jwe(n + 1);
        validator.validate(f.token);
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            Map<String, Object> claims = Fixture.claims(f.clock); // a fresh random jti each time
            validator.validate(f.mint(claims));
        }
        long after = usedAfterGc();
        Reference.reachabilityFence(validator);
        long perEntry = (after - before) / n;
        System.out.printf("entries=%d token-chars=%d heap-delta=%d bytes per-entry=%d bytes%n",
                n, f.token.length(), after - before, perEntry);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
