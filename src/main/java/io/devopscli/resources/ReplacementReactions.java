package io.devopscli.resources;

import io.devopscli.engine.CascadeRule;
import io.devopscli.engine.ResourceKey;
import java.util.Map;

/**
 * How each resource type takes the replacement of a resource it depends on (the engine's
 * ReplacementCascade asks). The rule of thumb, type by type:
 * <ul>
 * <li>replaced: it lives inside the parent (a subnet in its VPC, a listener on its load balancer, a
 *     subscription on its topic), its reference is fixed at creation (a target group's VPC, a load
 *     balancer's subnets, a service's network and target group as this tool creates them), or it would
 *     block the parent's delete (an internet gateway attached to the VPC, a service's network interfaces
 *     in the subnets and groups);</li>
 * <li>re-pointed: it holds the parent's id, ARN or DNS name in a field an update rewrites in place and it
 *     never blocks the parent's delete (an alarm's LoadBalancer and TargetGroup dimensions, the
 *     dashboard's widgets, a health check's domain name, the failover records' alias targets);</li>
 * <li>kept: it names the parent by a name the replacement keeps, so nothing changes (the pipeline names
 *     the cluster, services, bucket, repository and projects; rules and task definitions name their
 *     targets, roles and log groups by ARNs built from names).</li>
 * </ul>
 * A type not listed is replaced: rebuilding is always correct, if slower. Across regions, the only
 * reference is the primary's failover records to the other regions' load balancers and health checks.
 */
public final class ReplacementReactions implements CascadeRule {
    private static final Map<String, Reaction> BY_TYPE = Map.ofEntries(
            Map.entry("cloudwatch/alarm", Reaction.REPOINT),
            Map.entry("cloudwatch/dashboard", Reaction.REPOINT),
            Map.entry("route53/health-check", Reaction.REPOINT),
            Map.entry("route53/failover-records", Reaction.REPOINT),
            Map.entry("codepipeline/pipeline", Reaction.KEEP),
            Map.entry("codebuild/project", Reaction.KEEP),
            Map.entry("events/rule", Reaction.KEEP),
            Map.entry("ecs/task-definition", Reaction.KEEP),
            Map.entry("logs/resource-policy", Reaction.KEEP),
            Map.entry("lambda/function", Reaction.KEEP));

    @Override
    public Reaction onParentReplaced(ResourceKey dependent, ResourceKey parent) {
        if (dependent.type().equals("route53/failover-records") && parent.type().equals("route53/hosted-zone")) {
            return Reaction.REPLACE; // the records live in the zone
        }
        if (dependent.type().equals("ecs/service") && parent.type().equals("ecs/task-definition")) {
            return Reaction.REPOINT; // UpdateService moves a service to another revision
        }
        return BY_TYPE.getOrDefault(dependent.type(), Reaction.REPLACE);
    }

    /** The primary's failover records alias every region's load balancer and name its health check. */
    @Override
    public boolean refersAcrossRegions(ResourceKey dependent, ResourceKey parent) {
        return dependent.type().equals("route53/failover-records")
                && (parent.type().equals("elbv2/load-balancer") || parent.type().equals("route53/health-check"));
    }
}
