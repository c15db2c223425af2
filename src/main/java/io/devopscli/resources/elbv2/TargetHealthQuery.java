package io.devopscli.resources.elbv2;

import io.devopscli.aws.AwsCall;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** Read-only query for `status`: how many targets of a target group are in each health state. */
public final class TargetHealthQuery {
    private final ElasticLoadBalancingV2Client elb;

    public TargetHealthQuery(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** Counts by state ("healthy", "unhealthy", "initial", "draining", ...), in name order. */
    public Counts counts(String targetGroupArn) {
        Map<String, Integer> byState = new TreeMap<>();
        for (TargetHealthDescription d : AwsCall.call(() -> elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
                .targetHealthDescriptions())) {
            String state = d.targetHealth() == null ? "unknown" : d.targetHealth().stateAsString();
            byState.merge(state, 1, Integer::sum);
        }
        return new Counts(byState);
    }

    /** The counts of the project's target group with this full name, or empty when it has none. */
    public java.util.Optional<Counts> countsOfOwned(String project, String name) {
        return TargetGroupLookup.owned(elb, project, name).map(tg -> counts(tg.targetGroupArn()));
    }

    /** Target counts per health state. */
    public record Counts(Map<String, Integer> byState) {
        public Counts {
            byState = Map.copyOf(byState);
        }

        public int total() {
            return byState.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int of(String state) {
            return byState.getOrDefault(state, 0);
        }

        /** "2 healthy, 1 initial", or "no targets". */
        public String render() {
            if (byState.isEmpty()) {
                return "no targets";
            }
            return new TreeMap<>(byState).entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }
    }
}
