package io.devopscli.resources.elbv2;

import static io.devopscli.resources.elbv2.ElbParents.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Refs;
import io.devopscli.resources.elbv2.TargetGroupSpec.HealthCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetGroupDiffTest {
    private static final TargetGroupSpec SPEC = TargetGroupSpec.forApp("demo-production", VPC, 8080, "/health");
    private static final HealthCheck HC = HealthCheck.http("/health");
    private static final Refs PUBLISHED = Refs.of(Map.of(VPC, "vpc-1"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("in line", SPEC, state("vpc-1", 8080, "HTTP", "ip", HC, 30), List.of()),
                Arguments.of("health check loosened by hand", SPEC,
                        state("vpc-1", 8080, "HTTP", "ip", new HealthCheck("HTTP", "/", "200-399", 30, 10, 5, 2), 30),
                        List.of(FieldChange.of("healthCheck.path", "/health", "/"),
                                FieldChange.of("healthCheck.matcher", "200", "200-399"),
                                FieldChange.of("healthCheck.intervalSeconds", 15, 30),
                                FieldChange.of("healthCheck.timeoutSeconds", 5, 10),
                                FieldChange.of("healthCheck.healthyThreshold", 2, 5),
                                FieldChange.of("healthCheck.unhealthyThreshold", 3, 2))),
                Arguments.of("health check over HTTPS", SPEC,
                        state("vpc-1", 8080, "HTTP", "ip", new HealthCheck("HTTPS", "/health", "200", 15, 5, 2, 3), 30),
                        List.of(FieldChange.of("healthCheck.protocol", "HTTP", "HTTPS"))),
                Arguments.of("AWS default deregistration delay", SPEC, state("vpc-1", 8080, "HTTP", "ip", HC, 300),
                        List.of(FieldChange.of("deregistrationDelaySeconds", 30, 300))),
                Arguments.of("another app port", TargetGroupSpec.forApp("demo-production", VPC, 9090, "/health"),
                        state("vpc-1", 8080, "HTTP", "ip", HC, 30), List.of(FieldChange.immutable("port", 9090, 8080))),
                Arguments.of("instance targets", SPEC, state("vpc-1", 8080, "HTTP", "instance", HC, 30),
                        List.of(FieldChange.immutable("targetType", "ip", "instance"))),
                Arguments.of("HTTPS protocol", SPEC, state("vpc-1", 8080, "HTTPS", "ip", HC, 30),
                        List.of(FieldChange.immutable("protocol", "HTTP", "HTTPS"))),
                Arguments.of("in another VPC", SPEC, state("vpc-2", 8080, "HTTP", "ip", HC, 30),
                        List.of(FieldChange.immutable("vpc", "main", "vpc-2"))),
                Arguments.of("VPC not created yet", SPEC, new Observed(new TargetGroupState("arn", "demo-production",
                                "vpc-1", 8080, "HTTP", "ip", HC, 30), Refs.none()),
                        List.of(FieldChange.immutable("vpc", "main", "vpc-1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, TargetGroupSpec spec, Observed actual, List<FieldChange> expected) {
        assertEquals(expected, new TargetGroupReconciler().diff(spec, actual.state(), actual.parents()));
    }

    /** An observed target group, with the parents' ids the engine would hand diff. */
    record Observed(TargetGroupState state, Refs parents) {}

    private static Observed state(String vpc, int port, String protocol, String type, HealthCheck hc, int delay) {
        return new Observed(new TargetGroupState("arn", "demo-production", vpc, port, protocol, type, hc, delay), PUBLISHED);
    }
}
