package io.devopscli.resources.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Engine;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import io.devopscli.topology.Topology;
import io.devopscli.topology.TopologyLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The whole Architecture graph of a two-region topology through the Engine, as `up` runs it: the
 * monitoring nodes are wired to the delivery ones (topic, load balancer, target groups, log groups),
 * the second plan is all NOOP and its apply makes no mutating call. Checked through separate SDK clients.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class MonitoringArchitectureEmulatorTest {
    static final String PRIMARY = "eu-west-1";
    static final String SECONDARY = "eu-central-1";
    private final Topology topology = TopologyLoader.parse(MonitoringLayerTest.TOPOLOGY, "test");
    private final Map<String, AwsClients> clients = new ConcurrentHashMap<>();
    private Engine engine;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        engine = new Engine(8);
    }

    @AfterEach
    void tearDown() {
        engine.close();
        clients.values().forEach(AwsClients::close);
    }

    private AwsClients clients(String region) {
        return clients.computeIfAbsent(region, Emulator::clients);
    }

    /** Fresh graphs and run contexts, as each CLI run builds them. */
    private Plan plan() {
        List<RegionGraph> graphs = Architecture.graphs(topology, topology.regions(), this::clients, r -> Progress.SILENT);
        Plan plan = engine.plan(graphs);
        assertFalse(plan.hasObserveFailures(), () -> "observe failed: " + plan.regions().stream()
                .flatMap(r -> r.observeFailures().stream()).toList());
        return plan;
    }

    private long mutatingCalls() {
        return clients.values().stream().mapToLong(c -> c.settings().counter().mutating()).sum();
    }

    @Test
    void monitoringComesUpInBothRegionsAndASecondRunChangesNothing() {
        EngineHarness.succeeded(engine.apply(plan()));

        for (String region : List.of(PRIMARY, SECONDARY)) {
            try (CloudWatchClient cloudwatch = Emulator.clients(region).cloudwatch()) {
                List<MetricAlarm> alarms = cloudwatch.describeAlarms(r -> r.alarmNamePrefix("acme-shop-")).metricAlarms();
                // every region has the replication function, so every region watches its errors
                assertEquals(14, alarms.size(), region + ": " + alarms.size());
                String topic = "arn:aws:sns:" + region + ":123456789012:acme-shop-alarms";
                for (MetricAlarm a : alarms) {
                    assertEquals(List.of(topic), a.alarmActions(), a.alarmName());
                    assertEquals(List.of(topic), a.okActions(), a.alarmName());
                }
                MetricAlarm latency = alarms.stream().filter(a -> a.alarmName().equals("acme-shop-production-latency"))
                        .findFirst().orElseThrow();
                assertTrue(latency.dimensions().stream().anyMatch(d -> d.name().equals("LoadBalancer")
                        && d.value().startsWith("app/acme-shop-alb/")), latency.dimensions().toString());
                assertTrue(latency.dimensions().stream().anyMatch(d -> d.name().equals("TargetGroup")
                        && d.value().startsWith("targetgroup/acme-shop-production/")), latency.dimensions().toString());
                String body = cloudwatch.getDashboard(r -> r.dashboardName("acme-shop-" + region)).dashboardBody();
                assertTrue(body.contains("acme-shop-replication"), region);
            }
            try (var logs = Emulator.clients(region).logs()) {
                assertEquals(2, logs.describeMetricFilters(r -> { }).metricFilters().size());
                assertEquals(1, logs.describeLogGroups(r -> r.logGroupNamePrefix(
                        "/aws/lambda/acme-shop-replication")).logGroups().size());
            }
        }

        Plan second = plan();
        assertEquals(List.of(), second.allChanges().stream().filter(c -> c.action() != Action.NOOP).toList());
        clients.values().forEach(c -> c.settings().counter().reset());
        EngineHarness.succeeded(engine.apply(second));
        assertEquals(0, mutatingCalls(), "the second run mutates nothing");

        // a threshold edited by hand in the secondary is the one change of the next plan
        try (CloudWatchClient cloudwatch = Emulator.clients(SECONDARY).cloudwatch()) {
            MetricAlarm cpu = cloudwatch.describeAlarms(r -> r.alarmNames("acme-shop-production-cpu")).metricAlarms().get(0);
            cloudwatch.putMetricAlarm(r -> r.alarmName(cpu.alarmName()).alarmDescription(cpu.alarmDescription())
                    .namespace(cpu.namespace()).metricName(cpu.metricName()).dimensions(cpu.dimensions())
                    .statistic(cpu.statistic()).period(cpu.period()).evaluationPeriods(cpu.evaluationPeriods())
                    .datapointsToAlarm(cpu.datapointsToAlarm()).threshold(95.0)
                    .comparisonOperator(cpu.comparisonOperator()).treatMissingData(cpu.treatMissingData())
                    .alarmActions(cpu.alarmActions()).okActions(cpu.okActions()));
        }
        Plan drifted = plan();
        assertEquals(List.of(new Change(new ResourceKey(SECONDARY, "cloudwatch/alarm", "production-cpu"), Action.UPDATE,
                List.of(FieldChange.of("threshold", 80.0, 95.0)))),
                drifted.allChanges().stream().filter(c -> c.action() != Action.NOOP).toList());
        EngineHarness.succeeded(engine.apply(drifted));
        assertEquals(List.of(), plan().allChanges().stream().filter(c -> c.action() != Action.NOOP).toList());
    }
}
