package dev.jwe.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A test clock that the test moves by hand; starts at {@link TestKeys#NOW}. */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(TestKeys.NOW);

    /** Moves the clock by {@code d} (negative moves it back). */
    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
