package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.resources.ecs.ServiceRollout;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import org.junit.jupiter.api.Test;

/**
 * `up` waits for the ECS services it created to roll out, and `--no-wait` skips that. Against the
 * emulator (constant runningCount) the wait is a single check per service and says so; the waiting
 * itself, for AWS, is RolloutCheckTest's and WaiterTest's.
 */
@EmulatorTest
class UpWaitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void upChecksEveryCreatedServiceAndNoWaitSkipsIt() throws Exception {
        String endpoint = Emulator.endpoint().toString();

        Emulator.reset();
        Cli.Result noWait = Cli.inProcess("up", "--yes", "--no-wait", "-o", "json", "--endpoint-url", endpoint);
        assertEquals(0, noWait.code(), noWait.toString());
        JsonNode skipped = JSON.readTree(noWait.out()).get("rollout");
        assertFalse(skipped.get("waited").asBoolean(), noWait.toString());
        assertEquals(0, skipped.get("services").size(), noWait.toString());
        assertTrue(noWait.err().contains("Not waiting for ECS services to roll out (--no-wait)"), noWait.toString());

        Emulator.reset();
        Cli.Result waited = Cli.inProcess("up", "--yes", "-o", "json", "--endpoint-url", endpoint);
        assertEquals(0, waited.code(), waited.toString());
        JsonNode rollout = JSON.readTree(waited.out()).get("rollout");
        assertTrue(rollout.get("waited").asBoolean(), waited.toString());
        // staging and production in both regions, all created by this up
        assertEquals(4, rollout.get("services").size(), waited.toString());
        assertTrue(waited.err().contains("ECS services rolled out:"), waited.toString());
        assertTrue(waited.err().contains(ServiceRollout.ENDPOINT_NOTE), waited.toString());
        assertFalse(waited.err().contains("--no-wait)"), waited.toString());
    }
}
