package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import io.devopscli.aws.AwsErrors;
import io.devopscli.aws.AwsFailure;
import org.junit.jupiter.api.Test;

/** The one runner of declarative waits: target, pending, failure and unknown states, gone, and the bounds. */
class WaitForTest {
    private static final Waiter FAST = new Waiter(Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(2));

    record Thing(String state, String reason) {}

    /** Answers the given states in turn (null: not found), then repeats the last. */
    private static Supplier<Optional<Thing>> answers(List<String> states, List<Integer> polls) {
        Iterator<String> it = states.iterator();
        String[] last = {null};
        return () -> {
            polls.add(1);
            if (it.hasNext()) {
                last[0] = it.next();
            }
            return Optional.ofNullable(last[0]).map(s -> new Thing(s, "because " + s));
        };
    }

    @Test
    void pollsThroughPendingStatesUntilATargetAndReturnsWhatItFound() {
        List<Integer> polls = new ArrayList<>();
        Thing done = WaitFor.until("thing ready", answers(java.util.Arrays.asList(null, "pending", "available"), polls),
                Thing::state).pending(WaitFor.GONE, "pending").target("available").within(FAST).run(Progress.SILENT);
        assertEquals("available", done.state());
        assertEquals(3, polls.size());
    }

    @Test
    void aFailureStateFailsAtOnceWithItsReason() {
        List<Integer> polls = new ArrayList<>();
        WaitFor.FailedWait e = assertThrows(WaitFor.FailedWait.class, () -> WaitFor.until("nat gateway nat-1",
                        answers(List.of("pending", "failed", "available"), polls), Thing::state)
                .target("available").failure("failed").because(Thing::reason).within(FAST).run(Progress.SILENT));
        assertEquals("nat gateway nat-1: failed: because failed", e.getMessage());
        assertEquals(2, polls.size(), "no poll after the failure");
    }

    @Test
    void aStateNeitherPendingNorTargetFailsWhenPendingStatesAreGiven() {
        WaitFor.FailedWait e = assertThrows(WaitFor.FailedWait.class, () -> WaitFor.until("thing",
                        answers(List.of("pending", "deleting"), new ArrayList<>()), Thing::state)
                .pending("pending").target("available").within(FAST).run(Progress.SILENT));
        assertTrue(e.getMessage().contains("unexpected state deleting"), e.getMessage());
    }

    @Test
    void withoutPendingStatesAnyOtherStateKeepsWaiting() {
        Thing done = WaitFor.until("thing", answers(List.of("creating", "modifying", "ACTIVE"), new ArrayList<>()),
                Thing::state).target("ACTIVE").within(FAST).run(Progress.SILENT);
        assertEquals("ACTIVE", done.state());
    }

    @Test
    void goneWaitsUntilThePollFindsNothingAndVisibleUntilItFindsSomething() {
        List<Integer> polls = new ArrayList<>();
        assertNull(WaitFor.gone("thing deleted", answers(java.util.Arrays.asList("deleting", "deleting", null), polls))
                .within(FAST).run(Progress.SILENT));
        assertEquals(3, polls.size());
        assertEquals("x", WaitFor.visible("thing visible", answers(java.util.Arrays.asList(null, "x"), new ArrayList<>()))
                .within(FAST).run(Progress.SILENT).state());
    }

    @Test
    void runningOutOfTimeNamesTheWait() {
        Waiter.WaitTimeoutException e = assertThrows(Waiter.WaitTimeoutException.class, () -> WaitFor.until(
                        "thing ready", answers(List.of("pending"), new ArrayList<>()), Thing::state)
                .target("available").within(new Waiter(Duration.ofMillis(30), Duration.ofMillis(1), Duration.ofMillis(5)))
                .run(Progress.SILENT));
        assertTrue(e.getMessage().startsWith("thing ready: not ready after"), e.getMessage());
    }

    @Test
    void theBoundsComeFromTheWaiterGivenAndDefaultToFiveMinutesAndTheFiveSecondPollCap() {
        WaitFor<Thing> plain = WaitFor.until("thing", Optional::<Thing>empty, Thing::state);
        assertEquals(Duration.ofMinutes(5), plain.timeout());
        assertEquals(Waiter.MAX_POLL_INTERVAL, plain.pollCap());
        WaitFor<Thing> bounded = plain.within(new Waiter(Duration.ofMinutes(15), Duration.ofMillis(7), Duration.ofMillis(9)));
        assertEquals(Duration.ofMinutes(15), bounded.timeout());
        assertEquals(Duration.ofMillis(7), bounded.firstPoll());
        assertEquals(Duration.ofMillis(9), bounded.pollCap());
        assertEquals(Duration.ofSeconds(2), bounded.timeout(Duration.ofSeconds(2)).timeout());
    }

    /** Fails with the given AWS error codes in turn (null: succeeds, answering "made"), counting calls. */
    private static Supplier<String> failing(List<String> codes, List<Integer> calls) {
        Iterator<String> it = codes.iterator();
        return () -> {
            calls.add(1);
            String code = it.hasNext() ? it.next() : null;
            if (code != null) {
                throw new AwsFailure(AwsErrors.Kind.TERMINAL, code, code + ": from the test", null);
            }
            return "made";
        };
    }

    @Test
    void aRetryDoneAtOnceCallsTheActionOnceAndReturnsItsResult() {
        List<Integer> calls = new ArrayList<>();
        assertEquals("made", WaitFor.retrying("deleting thing", failing(List.of(), calls)).notYet("InUse")
                .within(FAST).run(Progress.SILENT));
        assertEquals(1, calls.size());
    }

    @Test
    void aRetryRetriesOnNotYetCodesUntilTheActionSucceeds() {
        List<Integer> calls = new ArrayList<>();
        assertEquals("made", WaitFor.retrying("deleting thing", failing(List.of("InUse", "Busy", "InUse"), calls))
                .notYet("InUse", "Busy").within(FAST).run(Progress.SILENT));
        assertEquals(4, calls.size());
    }

    @Test
    void aRetryTakesADoneOnCodeAsDone() {
        List<Integer> calls = new ArrayList<>();
        assertNull(WaitFor.retrying("deleting thing", failing(List.of("InUse", "NotFound"), calls)).notYet("InUse")
                .doneOn("NotFound").within(FAST).run(Progress.SILENT));
        assertEquals(2, calls.size());
    }

    @Test
    void aRetryRecognisesNotYetAndDoneByTheFailureItselfWhereTheCodeIsGeneric() {
        List<Integer> calls = new ArrayList<>();
        assertNull(WaitFor.retrying("creating thing", failing(List.of("Invalid", "Invalid", "Conflict"), calls))
                .notYetWhen(f -> f.getMessage().startsWith("Invalid")).doneWhen(f -> f.code().equals("Conflict"))
                .within(FAST).run(Progress.SILENT));
        assertEquals(3, calls.size());
    }

    @Test
    void aRetryFailsAtOnceOnAnotherErrorAndThrowsItAsItCame() {
        List<Integer> calls = new ArrayList<>();
        AwsFailure e = assertThrows(AwsFailure.class, () -> WaitFor.retrying("deleting thing",
                failing(List.of("InUse", "AccessDenied", "InUse"), calls)).notYet("InUse").within(FAST).run(Progress.SILENT));
        assertEquals("AccessDenied", e.code());
        assertEquals(2, calls.size(), "no attempt after the other error");
    }

    @Test
    void aRetryThatRunsOutOfTimeNamesWhatItAwaited() {
        List<String> forever = java.util.Collections.nCopies(100_000, "InUse");
        Waiter.WaitTimeoutException e = assertThrows(Waiter.WaitTimeoutException.class, () -> WaitFor.retrying(
                        "deleting thing (waiting for its users to go)", failing(forever, new ArrayList<>())).notYet("InUse")
                .within(new Waiter(Duration.ofMillis(40), Duration.ofMillis(1), Duration.ofMillis(5))).run(Progress.SILENT));
        assertTrue(e.getMessage().startsWith("deleting thing (waiting for its users to go): not ready after"), e.getMessage());
    }

    @Test
    void aRetryPausesNoLongerThanThePollCap() {
        List<Long> at = new ArrayList<>();
        Supplier<String> action = () -> {
            at.add(System.nanoTime());
            if (at.size() < 8) {
                throw new AwsFailure(AwsErrors.Kind.TERMINAL, "InUse", "InUse", null);
            }
            return "made";
        };
        WaitFor.retrying("thing", action).notYet("InUse")
                .within(new Waiter(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(40))).run(Progress.SILENT);
        for (int i = 1; i < at.size(); i++) {
            long pauseMs = Duration.ofNanos(at.get(i) - at.get(i - 1)).toMillis();
            assertTrue(pauseMs < 40 + 200, "pause " + i + " of " + pauseMs + " ms exceeds the 40 ms cap (plus scheduling slack)");
        }
        // with no cap the doubling from 10 ms would reach 640 ms by the seventh pause
        long total = Duration.ofNanos(at.get(at.size() - 1) - at.get(0)).toMillis();
        assertTrue(total < 7 * 40 + 400, "seven capped pauses took " + total + " ms");
    }

    @Test
    void aRetryTakesItsBoundsFromTheWaiterGiven() {
        WaitFor.Retry<String> retry = WaitFor.retrying("thing", () -> "x")
                .within(new Waiter(Duration.ofMinutes(3), Duration.ofMillis(7), Duration.ofSeconds(10)));
        assertEquals(Duration.ofMinutes(3), retry.bounds().timeout());
        assertEquals(Duration.ofSeconds(10), retry.bounds().pollCap());
        assertEquals(Duration.ofMinutes(5), WaitFor.retrying("thing", () -> "x").bounds().timeout());
    }

    @Test
    void matchingWaitsThroughNotFoundAndNonMatchingFindsUntilTheTestPasses() {
        List<Integer> polls = new ArrayList<>();
        Thing done = WaitFor.matching("thing in sync", answers(java.util.Arrays.asList(null, "old", "old", "new"), polls),
                t -> t.state().equals("new")).within(FAST).run(Progress.SILENT);
        assertEquals("new", done.state());
        assertEquals(4, polls.size());
    }
}
