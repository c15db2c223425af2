package io.devopscli.resources.ecs;

import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Whether one ECS service has rolled out, as Copilot and Terraform's wait_for_steady_state judge it: one
 * deployment left (the PRIMARY), its rollout COMPLETED where ECS reports a rollout state, and at least
 * the minimum healthy count of tasks running. A FAILED rollout (the circuit breaker gave up) is final.
 */
public record RolloutCheck(State state, String detail) {

    public enum State { ROLLED_OUT, IN_PROGRESS, FAILED }

    public static RolloutCheck of(Service service) {
        Optional<Deployment> primary = service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
        if (primary.isEmpty()) {
            return new RolloutCheck(State.IN_PROGRESS, "no primary deployment yet");
        }
        Deployment d = primary.get();
        if ("FAILED".equals(d.rolloutStateAsString())) {
            return new RolloutCheck(State.FAILED, "deployment " + d.id() + " failed: " + d.rolloutStateReason());
        }
        int desired = nz(service.desiredCount());
        int running = nz(service.runningCount());
        int minHealthy = minimumHealthy(service, desired);
        // A negative pending count is the emulator's (desired minus its constant running count: Gap.RUNNING_TASKS): there is no such thing.
        String counts = running + " running, " + Math.max(0, nz(service.pendingCount())) + " pending of " + desired
                + " desired (minimum healthy " + minHealthy + ")";
        boolean completed = d.rolloutState() == null ? running >= desired : "COMPLETED".equals(d.rolloutStateAsString());
        boolean alone = service.deployments().size() == 1;
        if (completed && alone && running >= minHealthy) {
            return new RolloutCheck(State.ROLLED_OUT, counts);
        }
        String waitingFor = !alone ? "; " + (service.deployments().size() - 1) + " older deployment(s) draining" : "";
        return new RolloutCheck(State.IN_PROGRESS, counts + waitingFor);
    }

    /** ceil(desired x minimumHealthyPercent / 100); ECS's default for a service is 100 %. */
    static int minimumHealthy(Service service, int desired) {
        Integer percent = service.deploymentConfiguration() == null ? null
                : service.deploymentConfiguration().minimumHealthyPercent();
        int p = percent == null ? 100 : percent;
        return (desired * p + 99) / 100;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
