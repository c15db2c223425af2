package io.devopscli.engine;

import io.devopscli.aws.AwsFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
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
    private static final String MATCHES = "(matches)";
    private static final String DIFFERS = "(differs)";

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

    /**
     * Until the poll finds something that passes the test (its diff against the spec is empty): changes
     * that AWS applies in the background, with no state of their own to name. Not found counts as not yet.
     */
    public static <T> WaitFor<T> matching(String what, Supplier<Optional<T>> poll, Predicate<T> done) {
        return WaitFor.<T>until(what, poll, t -> done.test(t) ? MATCHES : DIFFERS).target(MATCHES);
    }

    /** Until the poll finds nothing: a delete that AWS finishes in the background. */
    public static <T> WaitFor<T> gone(String what, Supplier<Optional<T>> poll) {
        return WaitFor.<T>until(what, poll, t -> PRESENT).target(GONE);
    }

    /**
     * Calls action until AWS stops answering with one of the "not yet" error codes: a delete retried until
     * ECS lets the cluster go, a create retried while its new IAM role cannot yet be assumed. See {@link Retry}.
     */
    public static <R> Retry<R> retrying(String what, Supplier<R> action) {
        return new Retry<>(what, action, f -> false, f -> false, WaitFor.<Object>until(what, Optional::empty, a -> ""));
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

    /**
     * A wait that acts while it polls: the action's result is done; an AwsFailure that means "not yet" (one
     * of the codes given to notYet, or one notYetWhen recognises by its message where AWS reuses a generic
     * code) is retried, with progress reports and the bounds of a WaitFor; one that means the work is done
     * already (doneOn, doneWhen) ends the wait with a null result; any other failure is thrown at once, as
     * it came. It runs as a WaitFor whose states are the outcome of each attempt.
     */
    public record Retry<R>(String what, Supplier<R> action, Predicate<AwsFailure> notYet, Predicate<AwsFailure> done,
                           WaitFor<?> bounds) {
        private static final String DONE = "(done)";
        private static final String NOT_YET = "(not yet)";

        /** The AWS error codes that mean "not yet": the attempt is retried. */
        public Retry<R> notYet(String... codes) {
            return notYetWhen(hasCode(codes));
        }

        /** A failure that means "not yet" though its code alone does not say so (read from its message). */
        public Retry<R> notYetWhen(Predicate<AwsFailure> test) {
            return new Retry<>(what, action, notYet.or(test), done, bounds);
        }

        /** The AWS error codes that mean the work is done already (NotFound on a delete): the result is null. */
        public Retry<R> doneOn(String... codes) {
            return doneWhen(hasCode(codes));
        }

        /** A failure that means the work is done already (made by an earlier attempt whose answer was lost). */
        public Retry<R> doneWhen(Predicate<AwsFailure> test) {
            return new Retry<>(what, action, notYet, done.or(test), bounds);
        }

        public Retry<R> within(Waiter waiter) {
            return new Retry<>(what, action, notYet, done, bounds.within(waiter));
        }

        public Retry<R> timeout(Duration limit) {
            return new Retry<>(what, action, notYet, done, bounds.timeout(limit));
        }

        /** Retries until done: the action's result (null when a failure meant done). */
        public R run(Progress progress) {
            WaitFor<Attempt<R>> wait = new WaitFor<Attempt<R>>(what, this::attempt, Attempt::state, Set.of(NOT_YET),
                    Set.of(DONE), Set.of(), a -> "", bounds.timeout(), bounds.firstPoll(), bounds.pollCap());
            return wait.run(progress).result();
        }

        private Optional<Attempt<R>> attempt() {
            try {
                return Optional.of(new Attempt<>(DONE, action.get()));
            } catch (AwsFailure f) {
                if (notYet.test(f)) {
                    return Optional.of(new Attempt<>(NOT_YET, null));
                }
                if (done.test(f)) {
                    return Optional.of(new Attempt<>(DONE, null));
                }
                throw f;
            }
        }

        private static Predicate<AwsFailure> hasCode(String... codes) {
            Set<String> set = Set.of(codes);
            return f -> f.code() != null && set.contains(f.code());
        }

        private record Attempt<R>(String state, R result) {}
    }

    /** A wait that reached a failure state, or a state it does not know. */
    public static final class FailedWait extends IllegalStateException {
        public FailedWait(String message) {
            super(message);
        }
    }
}
