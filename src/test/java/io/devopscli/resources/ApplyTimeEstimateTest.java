package io.devopscli.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.CriticalPath;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.Progress;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.RegionPlan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.NatGatewaySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dry run's estimate follows the plan's slowest chain, and only what the plan changes costs time. */
class ApplyTimeEstimateTest {
    private static final String R = "us-east-1";

    /** Never called: the estimate reads the graph's shape and the plan, not AWS. */
    private static final Reconciler<Object, String> NONE = new Reconciler<>() {
        public Optional<String> observe(Object spec, RegionContext ctx) { throw new AssertionError(); }
        public List<FieldChange> diff(Object spec, String actual) { throw new AssertionError(); }
        public String create(Object spec, RegionContext ctx) { throw new AssertionError(); }
        public void delete(String actual, RegionContext ctx) { throw new AssertionError(); }
        public String id(String actual) { return actual; }
    };

    private static ResourceKey key(String type, String name) {
        return new ResourceKey(R, type, name);
    }

    /** vpc -> subnet -> nat -> private routes; subnet -> alb -> service; alarm after the alb. */
    private static Plan plan(Action everything) {
        RegionGraph g = new RegionGraph(new RegionContext(R, "p", null, Progress.SILENT));
        ResourceKey vpc = g.add(key("ec2/vpc", "vpc"), NONE, "");
        ResourceKey subnet = g.add(key("ec2/subnet", "a"), NONE, "", vpc);
        // the NAT gateway's spec says how long AWS takes to make one (ResourceTraits); the others are ordinary
        ResourceKey nat = g.add(key("ec2/nat-gateway", "a"), NONE, new NatGatewaySpec("p-nat-a", subnet, subnet), subnet);
        g.add(key("ec2/route-table", "private-a"), NONE, "", nat);
        ResourceKey alb = g.add(key("elbv2/load-balancer", "alb"), NONE, "", subnet);
        g.add(key("ecs/service", "production"), NONE, "", alb);
        g.add(key("cloudwatch/alarm", "alb-5xx"), NONE, "", alb);
        List<Change> changes = g.nodes().stream().map(n -> new Change(n.key(), everything, List.of())).toList();
        return new Plan(List.of(new RegionPlan(g, changes, Map.of(), List.of())));
    }

    @Test
    void criticalPathFollowsTheSlowestParent() {
        RegionPlan rp = plan(Action.CREATE).regions().get(0);
        CriticalPath path = new CriticalPath(rp, c -> c.key().type().equals("ec2/nat-gateway") ? 100 : 1);
        assertEquals(key("ec2/route-table", "private-a"), path.last());
        assertEquals(103, path.finish(path.last()));
        assertEquals(List.of(key("ec2/vpc", "vpc"), key("ec2/subnet", "a"), key("ec2/nat-gateway", "a"),
                key("ec2/route-table", "private-a")), path.chainTo(path.last()));
    }

    @Test
    void aFirstApplyEndsWithTheRolloutAfterTheNatRoutes() {
        ApplyTimeEstimate estimate = ApplyTimeEstimate.of(plan(Action.CREATE));
        // vpc 1 + subnet 1 + NAT 105 + routes 1, then the rollout 180; the ALB (done at 3 s + 150 s) is sooner
        assertEquals(NatGatewaySpec.SECONDS_TO_AVAILABLE + 3 + ApplyTimeEstimate.ECS_ROLLOUT, estimate.seconds(), 0.001);
        assertTrue(estimate.chain().get(2).startsWith("ec2/nat-gateway/a"), estimate.chain().toString());
        assertTrue(estimate.chain().get(4).startsWith("ECS rollout of production"), estimate.chain().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> bench = (Map<String, Object>) estimate.document().get("bench");
        assertEquals(4, bench.get("longestChain"));
    }

    @Test
    void nothingToDoEstimatesNothing() {
        assertEquals(0, ApplyTimeEstimate.of(plan(Action.NOOP)).seconds(), 0.001);
    }
}
