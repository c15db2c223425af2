package io.devopscli.resources.autoscaling;

import io.devopscli.engine.ResourceKey;

/**
 * The desired count of an ECS service as an Application Auto Scaling target, between min and max.
 * name is what its Name tag says. Parent: the ECS service (ecs/service), whose cluster and name give the
 * resource id "service/<cluster>/<service>".
 */
public record ScalableTargetSpec(String name, ResourceKey service, int minCapacity, int maxCapacity,
                                 ResourceKey taskDefinition) {
    /** taskDefinition: the service's task definition node, which tells whether its image is built yet. */
    public ScalableTargetSpec(String name, ResourceKey service, int minCapacity, int maxCapacity) {
        this(name, service, minCapacity, maxCapacity, null);
    }

    public ScalableTargetSpec {
        if (minCapacity < 0 || maxCapacity < minCapacity) {
            throw new IllegalArgumentException("capacity must be 0 <= min <= max, was " + minCapacity + ".." + maxCapacity);
        }
    }
}
