package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InParallelTest {
    /** Each read waits until all three are under way: read one after another, none of them would see that. */
    @Test
    void eachReadsEveryKeyAtOnceAndAnswersInTheKeysOrder() {
        CountDownLatch together = new CountDownLatch(3);
        Map<String, Boolean> answers = InParallel.each(List.of("c", "a", "b"), key -> {
            together.countDown();
            try {
                return together.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertEquals(List.of("c", "a", "b"), List.copyOf(answers.keySet()));
        assertTrue(answers.values().stream().allMatch(Boolean::booleanValue), "not all under way together: " + answers);
    }

    @Test
    void whatAReadThrowsIsRethrown() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> InParallel.each(List.of(1, 2),
                key -> {
                    if (key == 2) {
                        throw new IllegalStateException("read " + key + " failed");
                    }
                    return key;
                }));
        assertEquals("read 2 failed", thrown.getMessage());
    }
}
