package io.devopscli.resources.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/** When a service counts as rolled out: the shapes DescribeServices answers on AWS during a deployment. */
class RolloutCheckTest {

    private static Deployment deployment(String status, String rollout, String id) {
        return Deployment.builder().id(id).status(status).rolloutState(rollout).rolloutStateReason("reason of " + id).build();
    }

    private static Service service(int desired, int running, Integer minHealthyPercent, Deployment... deployments) {
        Service.Builder b = Service.builder().serviceName("app").desiredCount(desired).runningCount(running)
                .pendingCount(Math.max(0, desired - running)).deployments(List.of(deployments));
        if (minHealthyPercent != null) {
            b.deploymentConfiguration(c -> c.minimumHealthyPercent(minHealthyPercent));
        }
        return b.build();
    }

    @Test
    void completedRolloutWithTheMinimumHealthyCountIsRolledOut() {
        RolloutCheck check = RolloutCheck.of(service(2, 2, null, deployment("PRIMARY", "COMPLETED", "d1")));
        assertEquals(RolloutCheck.State.ROLLED_OUT, check.state(), check.detail());
    }

    @Test
    void rolloutStillInProgressIsWaitedFor() {
        assertEquals(RolloutCheck.State.IN_PROGRESS,
                RolloutCheck.of(service(2, 1, null, deployment("PRIMARY", "IN_PROGRESS", "d1"))).state());
    }

    @Test
    void anOlderDeploymentStillDrainingIsWaitedFor() {
        assertEquals(RolloutCheck.State.IN_PROGRESS, RolloutCheck.of(service(2, 2, null,
                deployment("PRIMARY", "COMPLETED", "d2"), deployment("ACTIVE", "COMPLETED", "d1"))).state());
    }

    @Test
    void fewerRunningThanTheMinimumHealthyCountIsWaitedFor() {
        // rollout says completed, yet only 1 of the 2 healthy tasks ECS must keep is running
        assertEquals(RolloutCheck.State.IN_PROGRESS,
                RolloutCheck.of(service(2, 1, 100, deployment("PRIMARY", "COMPLETED", "d1"))).state());
        assertEquals(RolloutCheck.State.ROLLED_OUT,
                RolloutCheck.of(service(2, 1, 50, deployment("PRIMARY", "COMPLETED", "d1"))).state());
    }

    @Test
    void aFailedRolloutEndsTheWaitWithItsReason() {
        RolloutCheck check = RolloutCheck.of(service(2, 0, null, deployment("PRIMARY", "FAILED", "d9")));
        assertEquals(RolloutCheck.State.FAILED, check.state());
        assertEquals("deployment d9 failed: reason of d9", check.detail());
    }

    @Test
    void withoutARolloutStateTheRunningCountDecides() {
        assertEquals(RolloutCheck.State.IN_PROGRESS, RolloutCheck.of(service(3, 2, null, deployment("PRIMARY", null, "d1"))).state());
        assertEquals(RolloutCheck.State.ROLLED_OUT, RolloutCheck.of(service(3, 3, null, deployment("PRIMARY", null, "d1"))).state());
    }

    @Test
    void minimumHealthyRoundsUp() {
        assertEquals(2, RolloutCheck.minimumHealthy(service(3, 0, 50), 3));
        assertEquals(3, RolloutCheck.minimumHealthy(service(3, 0, null), 3));
    }
}
