package io.devopscli.resources.ecs;

import java.util.List;

/**
 * An owned, active service as observed. The lists are sorted. loadBalancers are "targetGroupArn
 * container:port". publishedTaskDefinition is the ARN the task definition node published when this was
 * observed (null if it has none yet) and taskDefinitionRevisionDue whether that node registers a new revision this run.
 * desiredCount, runningCount and pendingCount are for reports only: autoscaling owns the desired count.
 */
public record ServiceState(String name, String arn, String clusterArn, String status, String launchType,
                           String taskDefinitionArn, List<String> subnets, List<String> securityGroups,
                           String assignPublicIp, List<String> loadBalancers, String circuitBreaker,
                           Integer healthCheckGracePeriodSeconds, String propagateTags, int desiredCount,
                           int runningCount, int pendingCount, String publishedTaskDefinition,
                           boolean taskDefinitionRevisionDue) {
    public ServiceState {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        loadBalancers = List.copyOf(loadBalancers);
    }
}
