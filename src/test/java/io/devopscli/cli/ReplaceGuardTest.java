package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.Progress;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.RegionPlan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.SubnetSpec;
import io.devopscli.resources.ec2.VpcSpec;
import io.devopscli.resources.logs.LogGroupSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What needs --allow-replace follows from each node's spec (ResourceTraits), not from a list of types. */
class ReplaceGuardTest {
    /** Never called: the guard reads the plan and the graph's specs only. */
    private static final Reconciler<Object, String> NONE = new Reconciler<>() {
        public Optional<String> observe(Object spec, RegionContext ctx) { throw new AssertionError(); }
        public List<FieldChange> diff(Object spec, String actual) { throw new AssertionError(); }
        public String create(Object spec, RegionContext ctx) { throw new AssertionError(); }
        public void delete(String actual, RegionContext ctx) { throw new AssertionError(); }
        public String id(String actual) { return actual; }
    };

    @Test
    void replacingOrDeletingWhatItsSpecGuardsIsHeldBackAndTheRestIsNot() {
        RegionGraph g = new RegionGraph(new RegionContext("us-east-1", "p", null, Progress.SILENT));
        ResourceKey vpc = g.add(new ResourceKey("us-east-1", "ec2/vpc", "vpc"), NONE, new VpcSpec("p-vpc", "10.0.0.0/16"));
        ResourceKey subnet = g.add(new ResourceKey("us-east-1", "ec2/subnet", "a"), NONE,
                new SubnetSpec("p-a", vpc, "10.0.0.0/24", "us-east-1a", true), vpc);
        ResourceKey logs = g.add(new ResourceKey("us-east-1", "logs/log-group", "app"), NONE, new LogGroupSpec("/p/app", 30));
        ResourceKey logsUpdated = g.add(new ResourceKey("us-east-1", "logs/log-group", "other"), NONE,
                new LogGroupSpec("/p/other", 30));
        List<Change> changes = List.of(new Change(vpc, Action.REPLACE, List.of()),
                new Change(subnet, Action.REPLACE, List.of()), new Change(logs, Action.DELETE, List.of()),
                new Change(logsUpdated, Action.UPDATE, List.of()));
        Plan plan = new Plan(List.of(new RegionPlan(g, changes, Map.of(), List.of())));

        assertEquals(List.of(vpc, logs), ReplaceGuard.guarded(plan).stream().map(Change::key).toList());
    }
}
