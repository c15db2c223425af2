package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waits poll with growing pauses capped at 5 s, so a resource that became ready is seen within 5 s. */
class WaiterTest {

    @Test
    void pausesDoubleUpToTheFiveSecondCap() {
        Waiter waiter = Waiter.upTo(Duration.ofMinutes(30));
        Duration interval = Duration.ofSeconds(1);
        StringBuilder schedule = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            schedule.append(interval.toSeconds()).append(' ');
            interval = waiter.next(interval);
            assertTrue(interval.compareTo(Waiter.MAX_POLL_INTERVAL) <= 0, schedule.toString());
        }
        assertEquals("1 2 4 5 5 5 5 5 ", schedule.toString());
    }

    @Test
    void pollsUntilTheCheckAnswers() {
        AtomicInteger polls = new AtomicInteger();
        String result = new Waiter(Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMillis(2))
                .until("thing", Progress.SILENT, () -> polls.incrementAndGet() < 3 ? Optional.empty() : Optional.of("ready"));
        assertEquals("ready", result);
        assertEquals(3, polls.get());
    }
}
