package io.devopscli.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one AWS call under the error classification: not found becomes empty (where asked), retryable
 * errors are retried with exponential backoff up to a bound, and the rest fails with a short message.
 * The SDK already retries throttling a few times; this adds the domain retries (dependency violations,
 * eventual consistency right after a create) that the SDK treats as final.
 */
public final class AwsCall {
    private AwsCall() {
    }

    /** Retries within the bound of the session whose client failed (CallSettings). */
    public static <T> T call(Supplier<T> call) {
        return retrying(null, call);
    }

    /** Like call, with its own bound: a status query must not wait minutes on an endpoint that keeps failing. */
    public static <T> T within(Duration bound, Supplier<T> call) {
        return retrying(bound, call);
    }

    public static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** The call's result, or empty when AWS says the thing is not there. */
    public static <T> Optional<T> orEmpty(Supplier<T> call) {
        try {
            return Optional.ofNullable(call(call));
        } catch (AwsFailure f) {
            if (f.kind() == AwsErrors.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw f;
        }
    }

    /** For deletes: not found counts as success. */
    public static void ignoringNotFound(Runnable call) {
        orEmpty(() -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    /**
     * @param bound the caller's bound, or null for the session's. The session's settings are read at the
     *              first failure, from the client that failed (CallSettings), and hold for the whole call.
     */
    static <T> T retrying(Duration bound, Supplier<T> call) {
        long start = System.nanoTime();
        long deadline = 0;
        long delay = -1;
        while (true) {
            try {
                CallSettings.beforeAttempt();
                return call.get();
            } catch (RuntimeException e) {
                AwsErrors.Kind kind = AwsErrors.classify(e);
                if (delay < 0) {
                    CallSettings settings = CallSettings.forFailure();
                    deadline = start + (bound != null ? bound : settings.bound()).toNanos();
                    delay = settings.firstDelay().toMillis();
                }
                if (kind != AwsErrors.Kind.RETRYABLE || System.nanoTime() + delay * 1_000_000 > deadline) {
                    throw e instanceof AwsFailure f ? f : new AwsFailure(kind, AwsErrors.code(e), AwsErrors.reason(e), e);
                }
            }
            sleep(delay);
            delay = Math.min(delay * 2, 15_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsFailure(AwsErrors.Kind.TERMINAL, "Interrupted", "interrupted", e);
        }
    }
}
