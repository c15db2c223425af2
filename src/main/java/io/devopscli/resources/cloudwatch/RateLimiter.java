package io.devopscli.resources.cloudwatch;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Spaces calls at least interval apart across threads: each caller reserves the next free slot under a
 * lock and sleeps outside it until the slot comes. No burst, so it never exceeds the rate in any window.
 */
public final class RateLimiter {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final LongConsumer sleeperNanos;
    private long nextFree = Long.MIN_VALUE;

    public RateLimiter(Duration interval, LongSupplier nanoTime, LongConsumer sleeperNanos) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.sleeperNanos = sleeperNanos;
    }

    /** perSecond calls a second on the system clock. */
    public static RateLimiter perSecond(int perSecond) {
        return new RateLimiter(Duration.ofNanos((1_000_000_000L + perSecond - 1) / perSecond), System::nanoTime,
                RateLimiter::sleep);
    }

    public void acquire() {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = nextFree == Long.MIN_VALUE ? now : Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleeperNanos.accept(wait);
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing PutMetricAlarm", e);
        }
    }
}
