package io.devopscli.resources;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.CriticalPath;
import io.devopscli.engine.Node;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionPlan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.acm.CertificateSpec;
import io.devopscli.resources.ec2.NatGatewaySpec;
import io.devopscli.resources.route53.FailoverRecordsSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long applying a plan takes on AWS, from the plan's critical path and documented provisioning
 * times (DESIGN.md, "Real AWS timings"; AWS's own guidance), which each type's spec declares
 * (ResourceTraits): regions run in parallel, so the slowest
 * region's longest chain sets it, followed by up's wait for the ECS services to roll out, which also
 * needs the load balancer active. Also gives a benchmark the graph's shape (longestChain, alarms).
 */
public final class ApplyTimeEstimate {
    /** Application Load Balancer: 2 to 3 minutes to become active (nothing waits for it but the rollout). */
    static final double LOAD_BALANCER_ACTIVE = 150;
    /** ECS rollout on Fargate: image pull, task start, target registration and health checks. */
    static final double ECS_ROLLOUT = 180;
    /** CloudWatch PutMetricAlarm: 3 per second per region. */
    static final double ALARMS_PER_SECOND = 3;

    private final double seconds;
    private final String region;
    private final List<String> chain;
    private final List<Map<String, Object>> bench;

    private ApplyTimeEstimate(double seconds, String region, List<String> chain, List<Map<String, Object>> bench) {
        this.seconds = seconds;
        this.region = region;
        this.chain = chain;
        this.bench = bench;
    }

    /** How long one change holds up its dependents on AWS, as the node's spec says (ResourceTraits). */
    static double onAws(RegionPlan plan, Change c) {
        Node<?, ?> node = plan.graph().node(c.key());
        if (node == null || !(node.spec() instanceof ResourceTraits traits)) {
            return ResourceTraits.ORDINARY_SECONDS;
        }
        boolean creates = c.action() == Action.CREATE || c.action() == Action.REPLACE;
        return creates ? traits.secondsToCreateOnAws() : traits.secondsToUpdateOnAws();
    }

    public static ApplyTimeEstimate of(Plan plan) {
        double worst = -1;
        String worstRegion = null;
        List<String> worstChain = List.of();
        List<Map<String, Object>> bench = new ArrayList<>();
        for (RegionPlan rp : plan.regions()) {
            CriticalPath path = new CriticalPath(rp, c -> onAws(rp, c));
            ResourceKey last = path.last();
            double end = last == null ? 0 : path.finish(last);
            List<String> chain = new ArrayList<>();
            if (last != null) {
                path.chainTo(last).forEach(k -> chain.add(step(k, path.finish(k))));
            }
            // up's end: every created or updated service rolled out, which needs its load balancer active
            ResourceKey lb = new ResourceKey(rp.region(), "elbv2/load-balancer", "alb");
            boolean newLb = rp.changes().stream().anyMatch(c -> c.key().equals(lb) && c.action() != Action.NOOP
                    && c.action() != Action.UPDATE);
            // tasks in the private subnets pull their image through the NAT gateways' routes
            ResourceKey routes = rp.changes().stream().map(Change::key).filter(k -> k.type().equals("ec2/route-table"))
                    .max(java.util.Comparator.comparingDouble(path::finish)).orElse(null);
            for (Change c : rp.changes()) {
                if (c.key().type().equals("ecs/service") && c.action().mutates()) {
                    ResourceKey startsAfter = routes != null && path.finish(routes) > path.finish(c.key()) ? routes : c.key();
                    double serviceUp = path.finish(startsAfter) + ECS_ROLLOUT;
                    double lbUp = newLb ? path.finish(lb) + LOAD_BALANCER_ACTIVE : 0;
                    double rolledOut = Math.max(serviceUp, lbUp);
                    if (rolledOut > end) {
                        end = rolledOut;
                        chain.clear();
                        ResourceKey from = serviceUp >= lbUp ? startsAfter : lb;
                        path.chainTo(from).forEach(k -> chain.add(step(k, path.finish(k))));
                        chain.add(serviceUp >= lbUp
                                ? String.format(Locale.ROOT, "ECS rollout of %s (~%.0f s)%s", c.key().name(), ECS_ROLLOUT,
                                        startsAfter.equals(c.key()) ? "" : ", its tasks pulling images through the NAT routes")
                                : String.format(Locale.ROOT, "load balancer active (~%.0f s), then %s's rollout", LOAD_BALANCER_ACTIVE, c.key().name()));
                    }
                }
            }
            // alarms are written at 3 a second after the last of their parents
            long alarms = rp.changes().stream().filter(c -> c.key().type().equals("cloudwatch/alarm") && c.action().mutates()).count();
            if (end > worst) {
                worst = end;
                worstRegion = rp.region();
                worstChain = chain;
            }
            CriticalPath calls = new CriticalPath(rp, c -> 1);
            ResourceKey deepest = calls.last();
            double toAlarms = rp.changes().stream().filter(c -> c.key().type().equals("cloudwatch/alarm") && c.action().mutates())
                    .mapToDouble(c -> calls.finish(c.key()) - 1).max().orElse(0);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("region", rp.region());
            b.put("longestChain", deepest == null ? 0 : (int) calls.finish(deepest));
            b.put("chainToAlarms", (int) toAlarms);
            b.put("alarms", alarms);
            bench.add(b);
        }
        return new ApplyTimeEstimate(Math.max(0, worst), worstRegion, worstChain, bench);
    }

    private static String step(ResourceKey k, double at) {
        return String.format(Locale.ROOT, "%s/%s (done at %.0f s)", k.type(), k.name(), at);
    }

    public double seconds() {
        return seconds;
    }

    /** The region whose chain sets the estimate, and that chain, first to last. */
    public String region() {
        return region;
    }

    public List<String> chain() {
        return chain;
    }

    /** For `up --dry-run -o json`: the estimate, its chain, and the graph's shape a benchmark needs. */
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("seconds", Math.round(seconds));
        doc.put("region", region);
        doc.put("chain", chain);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("longestChain", bench.stream().mapToInt(m -> (Integer) m.get("longestChain")).max().orElse(0));
        b.put("regions", bench);
        doc.put("bench", b);
        return doc;
    }

    /** One line for the table output, then the chain. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Estimated apply time on AWS: about %d min %02d s, set by %s (regions run in parallel):",
                (long) seconds / 60, (long) seconds % 60, region));
        chain.forEach(s -> lines.add("  " + s));
        lines.add("  (NAT gateway ~" + (int) NatGatewaySpec.SECONDS_TO_AVAILABLE + " s, load balancer ~"
                + (int) LOAD_BALANCER_ACTIVE + " s, ECS rollout ~" + (int) ECS_ROLLOUT + " s, certificate ~"
                + (int) CertificateSpec.SECONDS_TO_ISSUED + " s, Route 53 sync ~"
                + (int) FailoverRecordsSpec.SECONDS_TO_INSYNC + " s, other resources ~"
                + (int) ResourceTraits.ORDINARY_SECONDS + " s; see docs/benchmarks.md)");
        return lines;
    }
}
