package io.devopscli.resources.cloudwatch;

import io.devopscli.engine.Refs;
import io.devopscli.engine.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A region's dashboard. Its body is generated (DashboardBody) from these names plus the CloudWatch
 * dimensions of the load balancer and target groups, which come from their ARNs at run time.
 *
 * @param replicationFunction the replication Lambda's name, in the primary region only
 */
public record DashboardSpec(String name, String region, String clusterName, ResourceKey loadBalancer,
                            List<Environment> environments, String appNamespace,
                            Optional<String> replicationFunction) {
    public DashboardSpec {
        environments = List.copyOf(environments);
    }

    /** One environment: its ECS service name, target group key and app error metric name. */
    public record Environment(String name, String service, ResourceKey targetGroup, String errorMetric) {}

    public List<ResourceKey> parents() {
        List<ResourceKey> keys = new ArrayList<>(List.of(loadBalancer));
        environments.forEach(e -> keys.add(e.targetGroup()));
        return List.copyOf(keys);
    }

    /** The generator's input with the parents' ids; a parent without one renders as a placeholder. */
    public DashboardBody.Input input(Refs parents) {
        return new DashboardBody.Input(region, clusterName, dimension(loadBalancer, parents),
                environments.stream().map(e -> new DashboardBody.Environment(e.name(), e.service(),
                        dimension(e.targetGroup(), parents), e.errorMetric())).toList(),
                appNamespace, replicationFunction);
    }

    private static String dimension(ResourceKey elb, Refs parents) {
        return AlarmDimension.ofElb("", elb).resolve(parents);
    }
}
