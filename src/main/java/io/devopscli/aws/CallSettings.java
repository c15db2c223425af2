package io.devopscli.aws;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * How long AwsCall retries a retryable failure (the bound) and how long it waits first (doubling up to 15
 * seconds), for one session: carried by its ClientSettings, so two sessions in one JVM (tests) never
 * change each other's bounds.
 *
 * <p>How a retry finds its session's settings without threading them through every reconciler: each
 * client of a session carries an interceptor ({@link #marker()}) that, on every SDK call, notes the
 * session's settings on the calling thread (SDK calls are synchronous: the interceptor runs on the thread
 * that made the call). When a call fails, AwsCall reads the settings of the client that just failed on
 * that thread. So it holds on every pool a session uses (the engine's workers, InParallel, the
 * common pool), with no propagation from thread to thread, and no thread keeps one session's settings for
 * the next. A failure that came from no session client (a scripted client in a test, an error raised by
 * the tool itself) uses the settings installed on the thread ({@link #install()}), else {@link #DEFAULT}.
 */
public record CallSettings(Duration bound, Duration firstDelay) {
    /** Five minutes covers IAM propagation and DependencyViolation while AWS releases network interfaces. */
    public static final CallSettings DEFAULT = new CallSettings(Duration.ofMinutes(5), Duration.ofMillis(500));

    /** The settings of the session client whose call ran last on this thread (see the class comment). */
    private static final ThreadLocal<CallSettings> LAST_CALL = new ThreadLocal<>();
    /** The settings installed on this thread: for calls that go through no session client. */
    private static final ThreadLocal<CallSettings> INSTALLED = new ThreadLocal<>();

    public CallSettings {
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(firstDelay, "firstDelay");
        if (bound.isNegative() || firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("bound must not be negative, firstDelay must be positive");
        }
    }

    /**
     * Makes these the thread's settings until closed (then the previous ones again). A session opened on
     * this thread takes them (ClientSettings.resolve), and calls that go through no session client use them.
     */
    public Installed install() {
        CallSettings previous = INSTALLED.get();
        INSTALLED.set(this);
        return () -> {
            if (previous == null) {
                INSTALLED.remove();
            } else {
                INSTALLED.set(previous);
            }
        };
    }

    /** The settings installed on this thread, else DEFAULT. */
    public static CallSettings current() {
        CallSettings installed = INSTALLED.get();
        return installed == null ? DEFAULT : installed;
    }

    /** The interceptor a session's clients carry: it notes these settings on the thread of each call. */
    ExecutionInterceptor marker() {
        return new Marker(this);
    }

    /** Forgets which client called last on this thread: AwsCall does this before each attempt. */
    static void beforeAttempt() {
        LAST_CALL.remove();
    }

    /** The settings for the failure just seen on this thread: the failed client's, else the installed ones. */
    static CallSettings forFailure() {
        CallSettings last = LAST_CALL.get();
        return last == null ? current() : last;
    }

    /** What install returns: closing it restores the thread's previous settings. */
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    private record Marker(CallSettings settings) implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            LAST_CALL.set(settings);
        }
    }
}
