package io.devopscli.resources.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long MS = 1_000_000;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<Long> sleeps = new ArrayList<>();
    /** The fake sleeper advances the fake clock, as a real sleep would. */
    private final RateLimiter limiter = new RateLimiter(Duration.ofMillis(334), now::get, n -> {
        sleeps.add(n / MS);
        now.addAndGet(n);
    });

    @Test
    void callsInABurstAreSpacedOneIntervalApart() {
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(334L, 334L, 334L), sleeps, "the first goes at once, each next one interval later");
    }

    @Test
    void aCallAfterAPauseGoesAtOnce() {
        limiter.acquire();
        now.addAndGet(2_000 * MS);
        limiter.acquire();
        limiter.acquire();
        assertEquals(List.of(334L), sleeps);
    }

    @Test
    void threePerSecondMeansAnIntervalOfAThird() {
        // 3 calls fit in any one second only if the spacing is at least 333.33 ms
        RateLimiter real = RateLimiter.perSecond(3);
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            real.acquire();
        }
        long elapsedMs = (System.nanoTime() - start) / MS;
        assertEquals(true, elapsedMs >= 1000, "4 calls at 3/s take at least a second, took " + elapsedMs + " ms");
    }
}
