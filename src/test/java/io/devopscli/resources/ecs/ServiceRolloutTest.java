package io.devopscli.resources.ecs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.EndpointCapabilities;
import io.devopscli.aws.EndpointCapabilities.Gap;
import org.junit.jupiter.api.Test;

/** Rollouts are waited for where the endpoint runs tasks; checked once where counts never move. */
class ServiceRolloutTest {
    @Test
    void checksOnceOnlyWhereTheEndpointRunsNoTasks() {
        assertFalse(ServiceRollout.forRun(EndpointCapabilities.AWS).checksOnce());
        assertTrue(ServiceRollout.forRun(EndpointCapabilities.AWS.with(Gap.RUNNING_TASKS, true)).checksOnce());
        assertTrue(ServiceRollout.forRun(EndpointCapabilities.EMULATOR).checksOnce());
        assertFalse(ServiceRollout.forRun(EndpointCapabilities.EMULATOR.with(Gap.RUNNING_TASKS, false)).checksOnce());
    }
}
