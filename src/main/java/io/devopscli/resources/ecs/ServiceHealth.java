package io.devopscli.resources.ecs;

import io.devopscli.aws.AwsCall;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/** Read-only: the task counts of one service, for `status`. */
public final class ServiceHealth {

    /** Running, desired and pending tasks, and the rollout state of the PRIMARY deployment (or "none"). */
    public record Counts(int running, int desired, int pending, String rollout) {}

    private ServiceHealth() {
    }

    /** Empty when the cluster or the service does not exist (or the service was deleted). */
    public static Optional<Counts> of(EcsClient ecs, String cluster, String service) {
        return read(ecs, cluster, service).map(ServiceHealth::counts);
    }

    /** The service, active or draining (one DescribeServices); empty when it or its cluster does not exist. */
    public static Optional<Service> read(EcsClient ecs, String cluster, String service) {
        return AwsCall.orEmpty(() -> ecs.describeServices(r -> r.cluster(cluster).services(service)).services())
                .flatMap(list -> list.stream().filter(s -> "ACTIVE".equals(s.status()) || "DRAINING".equals(s.status()))
                        .findFirst());
    }

    public static Counts counts(Service s) {
        return new Counts(s.runningCount(), s.desiredCount(), s.pendingCount(),
                s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                        .map(Deployment::rolloutStateAsString).orElse("none"));
    }
}
