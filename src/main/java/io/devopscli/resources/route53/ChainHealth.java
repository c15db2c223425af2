package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.engine.InParallel;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;

/**
 * For `status`: the failover chain as Route 53 holds it, each region with its health check's current
 * status as Route 53's checkers report it (GetHealthCheckStatus). Route 53 counts a check healthy when
 * more than 18% of its checkers say so. "n/a" when the endpoint cannot answer. Read-only.
 */
public final class ChainHealth {
    /** Route 53's own rule: healthy when more than 18 percent of the checkers report healthy. */
    static final double HEALTHY_SHARE = 0.18;

    private ChainHealth() {
    }

    /** One region of the chain: its health check and what the checkers say (healthy, unhealthy, n/a: why). */
    public record Link(String region, String healthCheckId, String health) {
        public boolean healthy() {
            return health.startsWith("healthy");
        }
    }

    public static List<Link> of(Route53Client r53, String project, List<String> regions, ActiveRegion.Serving serving) {
        Map<String, RegionTarget> targets = FailoverChain.targetsIn(project, regions, serving.records());
        // every health check's status is asked for at once
        return List.copyOf(InParallel.each(serving.chain(), region -> {
            String id = targets.containsKey(region) ? targets.get(region).healthCheckId() : null;
            return new Link(region, id, id == null ? "n/a: no health check on its record" : status(r53, id));
        }).values());
    }

    private static String status(Route53Client r53, String id) {
        try {
            List<HealthCheckObservation> seen = AwsCall.call(() -> r53.getHealthCheckStatus(r -> r.healthCheckId(id)))
                    .healthCheckObservations();
            return verdict(seen.stream().map(o -> o.statusReport() == null ? null : o.statusReport().status()).toList());
        } catch (RuntimeException e) {
            return "n/a: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Pure: the verdict from the checkers' status lines ("Success: HTTP Status Code 200..." or "Failure: ..."). */
    static String verdict(List<String> statuses) {
        if (statuses.isEmpty()) {
            return "n/a: no checker has reported yet";
        }
        long ok = statuses.stream().filter(s -> s != null && s.startsWith("Success")).count();
        return (ok > HEALTHY_SHARE * statuses.size() ? "healthy" : "unhealthy") + " (" + ok + " of " + statuses.size()
                + " checkers)";
    }
}
