package io.devopscli.resources.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Refs;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlarmReconcilerDiffTest {
    static final ResourceKey TOPIC = new ResourceKey("us-east-1", "sns/topic", "alarms");
    static final ResourceKey LB = new ResourceKey("us-east-1", "elbv2/load-balancer", "alb");
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:p-alarms";
    static final String LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/p-alb/abc";
    static final Refs PARENTS = Refs.of(Map.of(TOPIC, TOPIC_ARN, LB, LB_ARN));

    static final AlarmSpec SPEC = new AlarmSpec("p-latency", "slow", "AWS/ApplicationELB", "TargetResponseTime",
            List.of(AlarmDimension.ofElb("LoadBalancer", LB), AlarmDimension.of("Extra", "x")), "p90", 60, 5, 3, 1.0,
            "GreaterThanThreshold", "notBreaching", TOPIC);

    /** The actual alarm exactly as the spec wants it. */
    static AlarmState matching() {
        return new AlarmState("p-latency", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:p-latency", "slow",
                "AWS/ApplicationELB", "TargetResponseTime", Map.of("LoadBalancer", "app/p-alb/abc", "Extra", "x"), "p90",
                60, 5, 3, 1.0, "GreaterThanThreshold", "notBreaching", true, List.of(TOPIC_ARN), List.of(TOPIC_ARN));
    }

    static AlarmState with(UnaryOperator<Object[]> edit) {
        AlarmState m = matching();
        Object[] f = {m.description(), m.namespace(), m.metricName(), m.dimensions(), m.statistic(), m.periodSeconds(),
                m.evaluationPeriods(), m.datapointsToAlarm(), m.threshold(), m.comparison(), m.treatMissingData(),
                m.actionsEnabled(), m.alarmActions(), m.okActions()};
        f = edit.apply(f);
        @SuppressWarnings("unchecked")
        AlarmState s = new AlarmState(m.name(), m.arn(), (String) f[0], (String) f[1], (String) f[2],
                (Map<String, String>) f[3], (String) f[4], (int) f[5], (int) f[6], (Integer) f[7], (double) f[8],
                (String) f[9], (String) f[10], (boolean) f[11], (List<String>) f[12], (List<String>) f[13]);
        return s;
    }

    static UnaryOperator<Object[]> set(int index, Object value) {
        return f -> {
            f[index] = value;
            return f;
        };
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("in sync", matching(), PARENTS, List.of()),
                Arguments.of("threshold edited by hand", with(set(8, 5.0)), PARENTS, List.of("threshold")),
                Arguments.of("period", with(set(5, 300)), PARENTS, List.of("periodSeconds")),
                Arguments.of("evaluation periods", with(set(6, 1)), PARENTS, List.of("evaluationPeriods")),
                Arguments.of("datapoints", with(set(7, 5)), PARENTS, List.of("datapointsToAlarm")),
                Arguments.of("comparison", with(set(9, "LessThanThreshold")), PARENTS, List.of("comparison")),
                Arguments.of("statistic", with(set(4, "Average")), PARENTS, List.of("statistic")),
                Arguments.of("missing data", with(set(10, "breaching")), PARENTS, List.of("treatMissingData")),
                Arguments.of("description", with(set(0, "x")), PARENTS, List.of("description")),
                Arguments.of("metric", with(set(2, "RequestCount")), PARENTS, List.of("metric")),
                Arguments.of("dimension value", with(set(3, Map.of("LoadBalancer", "app/other/1", "Extra", "x"))), PARENTS,
                        List.of("dimensions")),
                Arguments.of("dimension dropped", with(set(3, Map.of("Extra", "x"))), PARENTS, List.of("dimensions")),
                Arguments.of("actions disabled", with(set(11, false)), PARENTS, List.of("actionsEnabled")),
                Arguments.of("alarm action removed", with(set(12, List.of())), PARENTS, List.of("alarmActions")),
                Arguments.of("OK action to another topic", with(set(13, List.of("arn:aws:sns:us-east-1:1:other"))), PARENTS,
                        List.of("okActions")),
                Arguments.of("an extra OK action", with(set(13, List.of(TOPIC_ARN, "arn:aws:sns:us-east-1:1:x"))), PARENTS,
                        List.of("okActions")),
                // the load balancer not there yet: its dimension cannot match, the update follows its creation
                Arguments.of("parent without id", matching(), Refs.of(Map.of(TOPIC, TOPIC_ARN)),
                        List.of("dimensions")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffNamesExactlyTheChangedFields(String name, AlarmState actual, Refs parents, List<String> fields) {
        List<FieldChange> changes = new AlarmReconciler().diff(SPEC, actual, parents);
        assertEquals(fields, changes.stream().map(FieldChange::field).toList());
        changes.forEach(c -> assertEquals(false, c.immutable(), "every alarm field is mutable: " + c));
    }

    @org.junit.jupiter.api.Test
    void actionsRenderAsTheTopicKey() {
        assertEquals(List.of(FieldChange.of("okActions", List.of("alarms"), List.of("arn:aws:sns:us-east-1:1:other"))),
                new AlarmReconciler().diff(SPEC, with(set(13, List.of("arn:aws:sns:us-east-1:1:other"))), PARENTS));
    }
}
