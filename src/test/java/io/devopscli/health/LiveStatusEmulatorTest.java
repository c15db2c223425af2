package io.devopscli.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.EndpointCapabilities;
import io.devopscli.resources.codepipeline.PipelineStateQuery;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.topology.Topology;
import io.devopscli.topology.TopologyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** The live checks against the emulator: what is missing says so, and only our alarms in ALARM count. */
@EmulatorTest
class LiveStatusEmulatorTest {
    private final Topology topology = TopologyLoader.load(Path.of("config/topology.yaml"));
    private final LiveStatus live = new LiveStatus(topology, EndpointCapabilities.EMULATOR, new HttpProbe(Duration.ofSeconds(1)),
            new PipelineStateQuery(Duration.ofSeconds(2)));

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    private static Map<String, String> byName(List<LiveCheck> checks) {
        return checks.stream().collect(Collectors.toMap(LiveCheck::name, c -> c.ok() + " " + c.detail()));
    }

    @Test
    void anEmptyAccountShowsWhatIsMissingWithoutFailing() {
        try (AwsClients aws = Emulator.clients("us-east-1")) {
            Map<String, String> checks = byName(live.collect(aws));
            assertEquals("false service app-production missing", checks.get("ecs production"));
            assertEquals("false target group logicworks-devops-staging missing", checks.get("targets staging"));
            assertEquals("false no load balancer", checks.get("url"));
            assertEquals("false unavailable: no load balancer URL", checks.get("probe production"));
            assertEquals("true none in ALARM", checks.get("alarms"));
        }
    }

    /**
     * The same account read with the emulator's capabilities and with AWS's: a target group without targets
     * and a pipeline without executions are n/a only where the endpoint runs no tasks and no pipelines; an
     * endpoint claiming both (AWS) shows them as problems. Fails if LiveStatus ignores or inverts a gap.
     */
    @Test
    void checksTheEndpointCannotAnswerAreNotApplicableOnlyWhereItLacksThem() {
        try (AwsClients aws = Emulator.clients("us-east-1")) {
            String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String name = "logicworks-devops-staging";
            aws.elbv2().createTargetGroup(r -> r.name(name).protocol("HTTP").port(8080).vpcId(vpc).targetType("ip")
                    .tags(io.devopscli.aws.Tags.owned(topology.project(), name).entrySet().stream()
                            .map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                                    .key(e.getKey()).value(e.getValue()).build()).toList()));

            Map<String, LiveCheck> emulated = checks(live.collect(aws));
            assertEquals("n/a", emulated.get("targets staging").state(), emulated.toString());
            assertEquals("n/a", emulated.get("pipeline").state(), emulated.toString());

            LiveStatus asAws = new LiveStatus(topology, EndpointCapabilities.AWS, new HttpProbe(Duration.ofSeconds(1)),
                    new PipelineStateQuery(Duration.ofSeconds(2)));
            Map<String, LiveCheck> aws2 = checks(asAws.collect(aws));
            assertEquals("problem", aws2.get("targets staging").state(), aws2.toString());
            assertEquals("no targets", aws2.get("targets staging").detail());
            assertEquals("problem", aws2.get("pipeline").state(), aws2.toString());

            LiveStatus tasksOnly = new LiveStatus(topology, EndpointCapabilities.EMULATOR
                    .with(EndpointCapabilities.Gap.RUNNING_TASKS, false), new HttpProbe(Duration.ofSeconds(1)),
                    new PipelineStateQuery(Duration.ofSeconds(2)));
            Map<String, LiveCheck> flipped = checks(tasksOnly.collect(aws));
            assertEquals("problem", flipped.get("targets staging").state(), "only the task gap flipped");
            assertEquals("n/a", flipped.get("pipeline").state(), "the pipeline gap stays");
        }
    }

    private static Map<String, LiveCheck> checks(List<LiveCheck> checks) {
        return checks.stream().collect(Collectors.toMap(LiveCheck::name, c -> c));
    }

    @Test
    void onlyTheProjectsAlarmsInAlarmAreListed() {
        try (AwsClients aws = Emulator.clients("us-east-1")) {
            for (String name : List.of("logicworks-devops-production-cpu", "logicworks-devops-staging-cpu", "other-cpu")) {
                aws.cloudwatch().putMetricAlarm(r -> r.alarmName(name).namespace("AWS/ECS").metricName("CPUUtilization")
                        .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(80.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            }
            for (String name : List.of("logicworks-devops-production-cpu", "other-cpu")) {
                aws.cloudwatch().setAlarmState(r -> r.alarmName(name).stateValue(StateValue.ALARM).stateReason("test"));
            }
            assertEquals("false 1 in ALARM: logicworks-devops-production-cpu", byName(live.collect(aws)).get("alarms"));
        }
    }
}
