package io.devopscli.resources;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.CallSettings;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Engine;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.testing.Emulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a small region graph through the real Engine the way `up` and `down` do: each plan gets a fresh
 * run context (so memoised describes never leak between runs), and apply uses that plan.
 */
public final class EngineHarness implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String PROJECT = "natproj";

    /** Short retries, so a failing case fails in seconds: this harness's own, no other session sees them. */
    private final AwsClients clients;
    private final Engine engine = new Engine(4);
    private Consumer<RegionGraph> builder;

    public EngineHarness(Consumer<RegionGraph> builder) {
        this(builder, settings -> settings);
    }

    /** @param settings adds to the emulator's client settings (tests: an interceptor that answers for AWS) */
    public EngineHarness(Consumer<RegionGraph> builder, java.util.function.UnaryOperator<ClientSettings> settings) {
        this.builder = builder;
        this.clients = new AwsClients(REGION, settings.apply(Emulator.settings()
                .withCalls(new CallSettings(Duration.ofSeconds(5), Duration.ofMillis(50)))));
    }

    public static ResourceKey key(String type, String name) {
        return new ResourceKey(REGION, type, name);
    }

    public AwsClients clients() {
        return clients;
    }

    /** Swaps the desired graph, as editing the topology would. */
    public void desire(Consumer<RegionGraph> newBuilder) {
        this.builder = newBuilder;
    }

    public Plan plan() {
        return engine.plan(List.of(graph()));
    }

    public Plan planDestroy() {
        return planDestroy(false);
    }

    /** The plan of `down`, or of `down --purge`, which also deletes what holds data. */
    public Plan planDestroy(boolean purge) {
        return engine.planDestroy(List.of(graph()), purge);
    }

    public RunReport apply(Plan plan) {
        return engine.apply(plan);
    }

    public RunReport destroy(Plan plan) {
        return engine.destroy(plan);
    }

    /** Plans and applies, failing the test with the run's messages unless every node succeeded. */
    public RunReport up() {
        Plan plan = plan();
        assertFalse(plan.hasObserveFailures(), () -> "observe failed: " + plan.regions().get(0).observeFailures());
        return succeeded(engine.apply(plan));
    }

    public RunReport down() {
        return succeeded(engine.destroy(planDestroy()));
    }

    public RunReport downPurging() {
        return succeeded(engine.destroy(planDestroy(true)));
    }

    /**
     * The idempotency check of the Terraform recipe: after an up, the next plan holds no change and
     * applying it makes no mutating AWS call.
     */
    public void assertSecondRunChangesNothing() {
        up();
        Plan second = plan();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), mutations(second));
        clients().settings().counter().reset();
        apply(second);
        org.junit.jupiter.api.Assertions.assertEquals(0, clients().settings().counter().mutating(),
                "mutating calls: " + clients().settings().counter().mutatingByOperation());
    }

    public static RunReport succeeded(RunReport report) {
        assertTrue(report.succeeded(), () -> "run failed: " + report.results().stream()
                .filter(r -> r.outcome() != NodeResult.Outcome.DONE && r.outcome() != NodeResult.Outcome.UNCHANGED)
                .map(NodeResult::message).toList());
        return report;
    }

    public static Map<ResourceKey, Change> byKey(Plan plan) {
        return plan.allChanges().stream().collect(Collectors.toMap(Change::key, c -> c));
    }

    /** The changes that mutate something. */
    public static List<Change> mutations(Plan plan) {
        return plan.allChanges().stream().filter(c -> c.action() != Action.NOOP).toList();
    }

    private RegionGraph graph() {
        RegionGraph graph = new RegionGraph(new RegionContext(REGION, PROJECT, clients, Progress.SILENT));
        builder.accept(graph);
        return graph;
    }

    @Override
    public void close() {
        engine.close();
        clients.close();
    }
}
