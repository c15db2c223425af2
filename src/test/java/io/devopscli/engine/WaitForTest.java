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
}
