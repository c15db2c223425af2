package io.devopscli.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.aws.AwsClients;
import io.devopscli.resources.codepipeline.PipelineStateQuery;
import io.devopscli.testing.Emulator;
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
class LiveStatusEmulatorTest {
    private final Topology topology = TopologyLoader.load(Path.of("config/topology.yaml"));
    private final LiveStatus live = new LiveStatus(topology, true, new HttpProbe(Duration.ofSeconds(1)),
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
