package io.devopscli.resources.ecs;

import io.devopscli.engine.ResourceKey;
import java.util.List;

/**
 * A Fargate service in the private subnets with the service security group, behind a target group.
 * Parents: the cluster, the task definition family, the subnets, the security group and the target
 * group. desiredCount is used at creation only: afterwards autoscaling owns it.
 */
public record ServiceSpec(String name, ResourceKey cluster, ResourceKey taskDefinition, String containerName,
                          int containerPort, List<ResourceKey> subnets, ResourceKey securityGroup,
                          ResourceKey targetGroup, int desiredCount, int healthCheckGracePeriodSeconds) {
    public ServiceSpec {
        subnets = List.copyOf(subnets);
    }

    /** Every parent, for the graph's dependencies and for rendering ids as keys. */
    public List<ResourceKey> parents() {
        List<ResourceKey> keys = new java.util.ArrayList<>(List.of(cluster, taskDefinition, securityGroup, targetGroup));
        keys.addAll(subnets);
        return List.copyOf(keys);
    }
}
