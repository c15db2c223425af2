package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One region of the network against the emulator, run through EngineHarness the way the CLI runs it
 * (every plan builds a fresh graph and context), plus what the network tests add: a separate client for
 * out-of-band changes and checks, and assertions on the shape of the next plan.
 */
final class NetworkRun implements AutoCloseable {
    static final String REGION = EngineHarness.REGION;
    static final String PROJECT = EngineHarness.PROJECT;

    private final EngineHarness harness;
    private final AwsClients outOfBand = Emulator.clients(REGION);

    /** @param nodes adds the nodes under test to a fresh graph */
    NetworkRun(Consumer<RegionGraph> nodes) {
        this(nodes, settings -> settings);
    }

    /** @param settings adds to the tool's client settings (an interceptor that answers as AWS would) */
    NetworkRun(Consumer<RegionGraph> nodes, java.util.function.UnaryOperator<io.devopscli.aws.ClientSettings> settings) {
        Emulator.reset();
        this.harness = new EngineHarness(nodes, settings);
    }

    static ResourceKey key(String type, String name) {
        return new ResourceKey(REGION, "ec2/" + type, name);
    }

    /** Changes the desired graph from the next plan on, as an edited topology file would. */
    void respec(Consumer<RegionGraph> nodes) {
        harness.desire(nodes);
    }

    /** A separate client for the checks and the out-of-band changes, as a person at the console would be. */
    Ec2Client ec2() {
        return outOfBand.ec2();
    }

    /** The calls the tool itself made (not the out-of-band client's). */
    io.devopscli.aws.CallCounter calls() {
        return harness.clients().settings().counter();
    }

    Plan plan() {
        return harness.plan();
    }

    RunReport apply() {
        return harness.up();
    }

    /** Plans and applies, failures and all, for tests of how a failure reads. */
    RunReport applyAllowingFailures() {
        return harness.apply(harness.plan());
    }

    /** Applies a plan made before, failing the test unless every node succeeded. */
    RunReport apply(Plan plan) {
        return EngineHarness.succeeded(harness.apply(plan));
    }

    RunReport destroy() {
        return harness.down();
    }

    /** down's plan applied, failures and all, for tests of how a failure reads. */
    RunReport destroyAllowingFailures() {
        return harness.destroy(harness.planDestroy());
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

    @Override
    public void close() {
        harness.close();
        outOfBand.close();
    }
}
