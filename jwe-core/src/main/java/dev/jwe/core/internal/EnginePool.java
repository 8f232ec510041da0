package dev.jwe.core.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Idle JCA engines ({@code Cipher}, {@code Signature}, {@code Mac}, {@code KeyFactory}) of one
 * algorithm, from the JVM's configured providers (see {@link Jca} for why not from a chosen one),
 * kept for the next call: getting a new one
 * costs a provider look-up and a reflective construction on every token, and a reused AES engine
 * keeps its key schedule when the key is the same ({@code dir}). The JCA's engines are not
 * thread-safe, so an engine is taken out while in use and given back only after an operation that
 * succeeded (an engine whose operation failed is dropped, whatever state it is in); the next user
 * initialises it again, which resets it fully. Bounded: when every slot is taken a caller makes a
 * new engine, and when every slot is full a returned engine is dropped. Lock-free; thread-safe.
 */
final class EnginePool {
    /** Slots per pool: enough for the request threads that run at once on a few cores. */
    private static final int SLOTS = Math.min(64, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

    private final AtomicReferenceArray<Object> slots;

    EnginePool() {
        this(SLOTS);
    }

    /** @param slots how many idle engines it keeps; 0 keeps none */
    EnginePool(int slots) {
        this.slots = new AtomicReferenceArray<>(slots);
    }

    /** @return an idle engine, or {@code null} when there is none */
    Object take() {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int at = (start + i) % n;
            Object engine = slots.get(at);
            if (engine != null && slots.compareAndSet(at, engine, null)) {
                return engine;
            }
        }
        return null;
    }

    /** @param engine an engine whose last operation succeeded */
    void give(Object engine) {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int at = (start + i) % n;
            if (slots.get(at) == null && slots.compareAndSet(at, null, engine)) {
                return;
            }
        }
    }

    /** Threads start at different slots, so that two threads rarely contend for one. */
    private static int start(int n) {
        return n == 0 ? 0 : (Thread.currentThread().hashCode() & 0x7fffffff) % n;
    }
}
