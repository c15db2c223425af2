package io.devopscli.resources.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure: the verdict from Route 53's checkers, by Route 53's own rule (healthy above 18% of checkers). */
class ChainHealthTest {
    private static List<String> reports(int ok, int failed) {
        String[] all = new String[ok + failed];
        Arrays.fill(all, 0, ok, "Success: HTTP Status Code 200, OK");
        Arrays.fill(all, ok, ok + failed, "Failure: Connection timed out");
        return List.of(all);
    }

    @Test
    void healthyAboveEighteenPercentOfCheckersUnhealthyAtOrBelow() {
        assertEquals("healthy (16 of 16 checkers)", ChainHealth.verdict(reports(16, 0)));
        assertEquals("healthy (3 of 16 checkers)", ChainHealth.verdict(reports(3, 13)));
        assertEquals("unhealthy (2 of 16 checkers)", ChainHealth.verdict(reports(2, 14)));
        assertEquals("unhealthy (0 of 8 checkers)", ChainHealth.verdict(reports(0, 8)));
    }

    @Test
    void noObservationIsNotAVerdict() {
        assertEquals("n/a: no checker has reported yet", ChainHealth.verdict(List.of()));
    }
}
