package io.devopscli.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A wait described as data, as Terraform's StateChangeConf does it: what to poll, how to read the state
 * of what it found, which states are pending, reached or failed, and the bounds (timeout, first pause, the
 * cap on the pause between polls). One runner ({@link #run}) polls it and reports progress, so
 * reconcilers state what they wait for instead of writing the loop.
 *
 * <p>A poll that finds nothing has the state {@link #GONE}. With no pending states given, every state that
 * is neither a target nor a failure is pending; with some given, any other state fails the wait at once.
 *
 * @param <T> what the poll finds (a described resource)
 */
public record WaitFor<T>(String what, Supplier<Optional<T>> poll, Function<T, String> stateOf, Set<String> pending,
                         Set<String> target, Set<String> failure, Function<T, String> reason, Duration timeout,
                         Duration firstPoll, Duration pollCap) {
    /** The state of a poll that found nothing (not yet visible, or deleted). */
    public static final String GONE = "(gone)";
    private static final String PRESENT = "(present)";

    public WaitFor {
        pending = Set.copyOf(pending);
        target = Set.copyOf(target);
        failure = Set.copyOf(failure);
    }

    /** Polls until the found resource's state is one of the targets; five minutes unless told otherwise. */
    public static <T> WaitFor<T> until(String what, Supplier<Optional<T>> poll, Function<T, String> stateOf) {
        return new WaitFor<>(what, poll, stateOf, Set.of(), Set.of(), Set.of(), t -> "", Duration.ofMinutes(5),
                Duration.ofSeconds(1), Waiter.MAX_POLL_INTERVAL);
    }

    /** Until the poll finds it: a resource just created may be unknown to the next read for a while. */
    public static <T> WaitFor<T> visible(String what, Supplier<Optional<T>> poll) {
        return WaitFor.<T>until(what, poll, t -> PRESENT).target(PRESENT);
    }

    /** Until the poll finds nothing: a delete that AWS finishes in the background. */
    public static <T> WaitFor<T> gone(String what, Supplier<Optional<T>> poll) {
        return WaitFor.<T>until(what, poll, t -> PRESENT).target(GONE);
    }

    public WaitFor<T> pending(String... states) {
        return new WaitFor<>(what, poll, stateOf, Set.of(states), target, failure, reason, timeout, firstPoll, pollCap);
    }

    public WaitFor<T> target(String... states) {
        return new WaitFor<>(what, poll, stateOf, pending, Set.of(states), failure, reason, timeout, firstPoll, pollCap);
    }

    public WaitFor<T> failure(String... states) {
        return new WaitFor<>(what, poll, stateOf, pending, target, Set.of(states), reason, timeout, firstPoll, pollCap);
    }

    /** What AWS says about a failure (a NAT gateway's failure code and message), added to the error. */
    public WaitFor<T> because(Function<T, String> why) {
        return new WaitFor<>(what, poll, stateOf, pending, target, failure, why, timeout, firstPoll, pollCap);
    }

    public WaitFor<T> timeout(Duration limit) {
        return new WaitFor<>(what, poll, stateOf, pending, target, failure, reason, limit, firstPoll, pollCap);
    }

    /** Timeout, first pause and poll cap of a Waiter (the one a reconciler was given, short in tests). */
    public WaitFor<T> within(Waiter bounds) {
        return new WaitFor<>(what, poll, stateOf, pending, target, failure, reason, bounds.timeout(), bounds.firstInterval(),
                bounds.maxInterval());
    }

    /**
     * Polls until a target state: the resource found then (null when the target is GONE). A failure state,
     * or a state neither pending nor target when pending states are given, throws a FailedWait naming it;
     * running out of time throws Waiter.WaitTimeoutException. Progress hears about it every 10 s.
     */
    public T run(Progress progress) {
        Optional<T> reached = new Waiter(timeout, firstPoll, pollCap).until(what, progress, () -> {
            Optional<T> found = poll.get();
            String state = found.map(stateOf).orElse(GONE);
            if (target.contains(state)) {
                return Optional.of(found);
            }
            if (failure.contains(state)) {
                String why = found.map(reason).orElse("");
                throw new FailedWait(what + ": " + state + (why == null || why.isEmpty() ? "" : ": " + why));
            }
            if (!pending.isEmpty() && !pending.contains(state)) {
                throw new FailedWait(what + ": unexpected state " + state + " (waiting for " + target + ")");
            }
            return Optional.empty();
        });
        return reached.orElse(null);
    }

    /** A wait that reached a failure state, or a state it does not know. */
    public static final class FailedWait extends IllegalStateException {
        public FailedWait(String message) {
            super(message);
        }
    }
}
