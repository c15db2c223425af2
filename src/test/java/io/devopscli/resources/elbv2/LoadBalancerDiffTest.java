package io.devopscli.resources.elbv2;

import static io.devopscli.resources.elbv2.ElbParents.ALB_GROUP;
import static io.devopscli.resources.elbv2.ElbParents.OTHER_GROUP;
import static io.devopscli.resources.elbv2.ElbParents.SUBNET_A;
import static io.devopscli.resources.elbv2.ElbParents.SUBNET_B;
import static io.devopscli.resources.elbv2.ElbParents.SUBNET_C;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Refs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadBalancerDiffTest {
    private static final LoadBalancerSpec SPEC = LoadBalancerSpec.internetFacing("demo-alb", List.of(SUBNET_A, SUBNET_B),
            List.of(ALB_GROUP));
    private static final Refs PUBLISHED = Refs.of(Map.of(SUBNET_A, "subnet-a", SUBNET_B, "subnet-b",
            ALB_GROUP, "sg-alb"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("in line", SPEC, state(List.of("subnet-a", "subnet-b"), List.of("sg-alb"), PUBLISHED), List.of()),
                Arguments.of("in line, zones in another order", SPEC,
                        state(List.of("subnet-b", "subnet-a"), List.of("sg-alb"), PUBLISHED), List.of()),
                Arguments.of("a subnet removed by hand", SPEC, state(List.of("subnet-a"), List.of("sg-alb"), PUBLISHED),
                        List.of(FieldChange.of("subnets", "[public-a, public-b]", "[public-a]"))),
                Arguments.of("a subnet added to the spec",
                        LoadBalancerSpec.internetFacing("demo-alb", List.of(SUBNET_A, SUBNET_B, SUBNET_C), List.of(ALB_GROUP)),
                        state(List.of("subnet-a", "subnet-b"), List.of("sg-alb"), PUBLISHED),
                        List.of(FieldChange.of("subnets", "[public-a, public-b, public-c]", "[public-a, public-b]"))),
                Arguments.of("another group set by hand", SPEC, state(List.of("subnet-a", "subnet-b"), List.of("sg-x"), PUBLISHED),
                        List.of(FieldChange.of("securityGroups", "[alb]", "[sg-x]"))),
                Arguments.of("group not created yet", LoadBalancerSpec.internetFacing("demo-alb", List.of(SUBNET_A, SUBNET_B),
                                List.of(ALB_GROUP, OTHER_GROUP)),
                        state(List.of("subnet-a", "subnet-b"), List.of("sg-alb"), PUBLISHED),
                        List.of(FieldChange.of("securityGroups", "[alb, other]", "[alb]"))),
                Arguments.of("internal instead of internet-facing", SPEC,
                        new Observed(new LoadBalancerState("arn", "demo-alb", "dns", "active", "internal", "application", "ipv4",
                                List.of("subnet-a", "subnet-b"), List.of("sg-alb")), PUBLISHED),
                        List.of(FieldChange.immutable("scheme", "internet-facing", "internal"))),
                Arguments.of("a network load balancer of that name", SPEC,
                        new Observed(new LoadBalancerState("arn", "demo-alb", "dns", "active", "internet-facing", "network", "ipv4",
                                List.of("subnet-a", "subnet-b"), List.of("sg-alb")), PUBLISHED),
                        List.of(FieldChange.immutable("type", "application", "network"))),
                Arguments.of("dualstack set by hand", SPEC,
                        new Observed(new LoadBalancerState("arn", "demo-alb", "dns", "active", "internet-facing", "application",
                                "dualstack", List.of("subnet-a", "subnet-b"), List.of("sg-alb")), PUBLISHED),
                        List.of(FieldChange.of("ipAddressType", "ipv4", "dualstack"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, LoadBalancerSpec spec, Observed actual, List<FieldChange> expected) {
        assertEquals(expected, new LoadBalancerReconciler().diff(spec, actual.state(), actual.parents()));
    }

    /** An observed load balancer, with the parents' ids the engine would hand diff. */
    record Observed(LoadBalancerState state, Refs parents) {}

    private static Observed state(List<String> subnets, List<String> groups, Refs parents) {
        return new Observed(new LoadBalancerState("arn", "demo-alb", "demo-alb-1.us-east-1.elb.amazonaws.com", "active",
                "internet-facing", "application", "ipv4", subnets, groups), parents);
    }
}
