package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Engine;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.testing.Emulator;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One region of the network against the emulator, run the way the CLI runs it: every plan builds a
 * fresh graph (fresh context, so no memo or published id survives from the previous run).
 */
final class NetworkRun implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final String PROJECT = "demo";

    private final AwsClients clients = Emulator.clients(REGION);
    private final AwsClients outOfBand = Emulator.clients(REGION);
    private final Engine engine = new Engine(8);
    private volatile Consumer<RegionGraph> nodes;

    /** @param nodes adds the nodes under test to a fresh graph */
    NetworkRun(Consumer<RegionGraph> nodes) {
        AwsCall.configure(Duration.ofSeconds(5), Duration.ofMillis(50));
        Emulator.reset();
        this.nodes = nodes;
    }

    static ResourceKey key(String type, String name) {
        return new ResourceKey(REGION, "ec2/" + type, name);
    }

    /** Changes the desired graph from the next plan on, as an edited topology file would. */
    void respec(Consumer<RegionGraph> nodes) {
        this.nodes = nodes;
    }

    /** A separate client for the checks and the out-of-band changes, as a person at the console would be. */
    Ec2Client ec2() {
        return outOfBand.ec2();
    }

    /** The calls the tool itself made (not the out-of-band client's). */
    io.devopscli.aws.CallCounter calls() {
        return clients.settings().counter();
    }

    Plan plan() {
        return engine.plan(List.of(graph()));
    }

    RunReport apply() {
        RunReport report = engine.apply(plan());
        assertTrue(report.succeeded(), () -> "apply failed: " + report.results());
        return report;
    }

    RunReport destroy() {
        RunReport report = engine.destroy(engine.planDestroy(List.of(graph()), false));
        assertTrue(report.succeeded(), () -> "destroy failed: " + report.results());
        return report;
    }

    void assertAllNoop() {
        Plan plan = plan();
        assertTrue(plan.allChanges().stream().allMatch(c -> c.action() == Action.NOOP),
                () -> "expected an empty plan, got " + plan.allChanges());
    }

    /** Asserts that the plan changes exactly the given key, with this action, and returns that change. */
    Change onlyChange(ResourceKey key, Action action) {
        Plan plan = plan();
        List<Change> mutating = plan.allChanges().stream().filter(c -> c.action().mutates()).toList();
        assertEquals(1, mutating.size(), () -> "expected one change, got " + mutating);
        assertEquals(key, mutating.get(0).key());
        assertEquals(action, mutating.get(0).action(), () -> mutating.get(0).toString());
        return mutating.get(0);
    }

    private RegionGraph graph() {
        RegionGraph graph = new RegionGraph(Emulator.context(REGION, PROJECT, clients));
        nodes.accept(graph);
        return graph;
    }

    @Override
    public void close() {
        engine.close();
        clients.close();
        outOfBand.close();
    }
}
