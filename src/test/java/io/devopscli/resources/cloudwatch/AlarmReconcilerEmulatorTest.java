package io.devopscli.resources.cloudwatch;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.resources.sns.TopicReconciler;
import io.devopscli.resources.sns.TopicSpec;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * The load balancer and target group are published ARNs (PreMadeReconciler): CloudWatch only needs their
 * names in the dimensions, not the resources. The topic is real.
 */
@EmulatorTest
class AlarmReconcilerEmulatorTest {
    static final ResourceKey TOPIC = key("sns/topic", "alarms");
    static final ResourceKey LB = key("elbv2/load-balancer", "alb");
    static final ResourceKey TG = key("elbv2/target-group", "production");
    static final ResourceKey KEY = key("cloudwatch/alarm", "production-latency");
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:natproj-alarms";
    static final String LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/natproj-alb/50dc6c495c0c9188";
    static final String TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/natproj-production/73e2d6bc24d8a067";
    static final AlarmSpec SPEC = new AlarmSpec("natproj-production-latency", "p90 too slow", "AWS/ApplicationELB",
            "TargetResponseTime", List.of(AlarmDimension.ofElb("TargetGroup", TG), AlarmDimension.ofElb("LoadBalancer", LB)),
            "p90", 60, 5, 3, 1.0, "GreaterThanThreshold", "notBreaching", TOPIC);

    private EngineHarness harness;
    private CloudWatchClient cloudwatch;

    static void graph(RegionGraph g, List<AlarmSpec> alarms) {
        g.add(TOPIC, new TopicReconciler(), new TopicSpec("natproj-alarms", "natproj alarms"));
        g.add(LB, new PreMadeReconciler(), LB_ARN);
        g.add(TG, new PreMadeReconciler(), TG_ARN);
        AlarmReconciler reconciler = new AlarmReconciler();
        for (AlarmSpec a : alarms) {
            g.add(key("cloudwatch/alarm", a.name().substring(PROJECT.length() + 1)), reconciler, a, a.parents());
        }
    }

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> graph(g, List.of(SPEC)));
        cloudwatch = harness.clients().cloudwatch();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicCreatesTheTaggedAlarmNotifyingTheTopicOnAlarmAndOk() {
        harness.up();

        MetricAlarm alarm = describe(SPEC.name()).orElseThrow();
        assertEquals(List.of(TOPIC_ARN), alarm.alarmActions());
        assertEquals(List.of(TOPIC_ARN), alarm.okActions(), "the OK transition notifies too");
        assertEquals(Map.of("TargetGroup", "targetgroup/natproj-production/73e2d6bc24d8a067",
                "LoadBalancer", "app/natproj-alb/50dc6c495c0c9188"), dimensions(alarm));
        assertEquals("p90", alarm.extendedStatistic());
        assertEquals(List.of(60, 5, 3), List.of(alarm.period(), alarm.evaluationPeriods(), alarm.datapointsToAlarm()));
        assertEquals(1.0, alarm.threshold());
        assertEquals("GreaterThanThreshold", alarm.comparisonOperatorAsString());
        assertEquals("notBreaching", alarm.treatMissingData());
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, SPEC.name()), tags(alarm.alarmArn()));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.up();
        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second));
        harness.clients().settings().counter().reset();
        EngineHarness.succeeded(harness.apply(second));
        assertEquals(0, harness.clients().settings().counter().mutating());
    }

    @Test
    void aThresholdChangedByHandIsRepaired() {
        harness.up();
        MetricAlarm alarm = describe(SPEC.name()).orElseThrow();
        cloudwatch.putMetricAlarm(r -> r.alarmName(alarm.alarmName()).alarmDescription(alarm.alarmDescription())
                .namespace(alarm.namespace()).metricName(alarm.metricName()).dimensions(alarm.dimensions())
                .extendedStatistic(alarm.extendedStatistic()).period(alarm.period())
                .evaluationPeriods(alarm.evaluationPeriods()).datapointsToAlarm(alarm.datapointsToAlarm())
                .threshold(5.0).comparisonOperator(alarm.comparisonOperator()).treatMissingData(alarm.treatMissingData())
                .alarmActions(alarm.alarmActions()).okActions(List.of()));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(FieldChange.of("threshold", 1.0, 5.0), FieldChange.of("okActions", List.of("alarms"), List.of())),
                change.fields());
        harness.up();
        MetricAlarm repaired = describe(SPEC.name()).orElseThrow();
        assertEquals(1.0, repaired.threshold());
        assertEquals(List.of(TOPIC_ARN), repaired.okActions());
        assertEquals(PROJECT, tags(repaired.alarmArn()).get(Tags.OWNER_KEY), "still ours after the put");
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aSpecChangeUpdatesInPlace() {
        harness.up();
        harness.desire(g -> graph(g, List.of(SPEC.withThreshold(2.5))));

        assertEquals(List.of(FieldChange.of("threshold", 2.5, 1.0)), EngineHarness.byKey(harness.plan()).get(KEY).fields());
        harness.up();
        assertEquals(2.5, describe(SPEC.name()).orElseThrow().threshold());
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        cloudwatch.deleteAlarms(r -> r.alarmNames(SPEC.name()));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertTrue(describe(SPEC.name()).isPresent());
    }

    @Test
    void destroyDeletesTheAlarm() {
        harness.up();
        harness.down();
        assertEquals(List.of(), cloudwatch.describeAlarms(r -> r.alarmNamePrefix(PROJECT + "-")).metricAlarms());
        // the pre-made parents always look present; the alarm and the topic are gone
        assertEquals(List.of(LB, TG), EngineHarness.mutations(harness.planDestroy()).stream().map(Change::key).toList());
    }

    @Test
    void aSameNamedAlarmWithoutOurTagIsNeitherOverwrittenNorDeleted() {
        cloudwatch.putMetricAlarm(r -> r.alarmName(SPEC.name()).namespace("Theirs").metricName("M").statistic("Sum")
                .period(60).evaluationPeriods(1).threshold(42.0).comparisonOperator("GreaterThanThreshold"));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        RunReport report = harness.apply(harness.plan());
        NodeResult result = report.results().stream().filter(r -> r.key().equals(KEY)).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("not owned by devops-cli"), result.message());
        assertEquals(42.0, describe(SPEC.name()).orElseThrow().threshold(), "theirs is untouched");

        harness.down();
        assertTrue(describe(SPEC.name()).isPresent(), "someone else's alarm survives down");
    }

    @Test
    void putsArePacedAtThreeASecondPerRegion() {
        List<AlarmSpec> four = List.of("a", "b", "c", "d").stream().map(n -> new AlarmSpec("natproj-" + n, n,
                "AWS/ECS", "CPUUtilization", List.of(AlarmDimension.of("ClusterName", "c")), "Average", 60, 1, 1, 80,
                "GreaterThanThreshold", "missing", TOPIC)).toList();
        harness.desire(g -> graph(g, four));
        Plan plan = harness.plan();

        long start = System.nanoTime();
        EngineHarness.succeeded(harness.apply(plan));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 1000, "4 PutMetricAlarm at 3/s take at least a second even in parallel, took " + ms + " ms");
        assertEquals(4, cloudwatch.describeAlarms(r -> r.alarmNamePrefix(PROJECT + "-")).metricAlarms().size());
    }

    private Optional<MetricAlarm> describe(String name) {
        return cloudwatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().stream().findFirst();
    }

    private static Map<String, String> dimensions(MetricAlarm alarm) {
        return alarm.dimensions().stream().collect(Collectors.toMap(Dimension::name, Dimension::value));
    }

    private Map<String, String> tags(String arn) {
        return cloudwatch.listTagsForResource(r -> r.resourceARN(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
