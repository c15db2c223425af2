package io.devopscli.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls until a condition holds, with growing intervals and a bound, reporting elapsed time so a user
 * watching a two-minute NAT gateway sees it move.
 */
public final class Waiter {
    private final Duration timeout;
    private final Duration firstInterval;
    private final Duration maxInterval;

    public Waiter(Duration timeout, Duration firstInterval, Duration maxInterval) {
        this.timeout = timeout;
        this.firstInterval = firstInterval;
        this.maxInterval = maxInterval;
    }

    Duration timeout() {
        return timeout;
    }

    Duration firstInterval() {
        return firstInterval;
    }

    Duration maxInterval() {
        return maxInterval;
    }

    /** The longest pause between two polls: a resource that became ready is noticed within 5 s. */
    public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(5);

    /** Waits up to timeout, polling from 1 s up to MAX_POLL_INTERVAL. */
    public static Waiter upTo(Duration timeout) {
        return new Waiter(timeout, Duration.ofSeconds(1), MAX_POLL_INTERVAL);
    }

    /** The pause after one of interval: doubling, up to the cap. */
    Duration next(Duration interval) {
        Duration doubled = interval.multipliedBy(2);
        return doubled.compareTo(maxInterval) > 0 ? maxInterval : doubled;
    }

    /**
     * Calls check until it returns a value. The check throws to fail fast (a NAT gateway that went
     * "failed"); running out of time throws a WaitTimeoutException naming what was awaited.
     */
    public <T> T until(String what, Progress progress, Supplier<Optional<T>> check) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Duration interval = firstInterval;
        long lastReport = start;
        while (true) {
            Optional<T> done = check.get();
            if (done.isPresent()) {
                return done.get();
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                throw new WaitTimeoutException(what + ": not ready after " + timeout.toSeconds() + "s");
            }
            if (now - lastReport >= Duration.ofSeconds(10).toNanos()) {
                progress.info(what + " ... " + Duration.ofNanos(now - start).toSeconds() + "s");
                lastReport = now;
            }
            sleep(Math.min(interval.toMillis(), Duration.ofNanos(deadline - now).toMillis() + 1));
            interval = next(interval);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitTimeoutException("interrupted while waiting");
        }
    }

    /** Raised when a resource did not become ready in time. */
    public static final class WaitTimeoutException extends RuntimeException {
        public WaitTimeoutException(String message) {
            super(message);
        }
    }
}
