package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.Refs;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.SecurityGroupSpec.IngressRule;
import io.devopscli.resources.ec2.SecurityGroupState.Rule;
import io.devopscli.resources.ec2.SecurityGroupState.SourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityGroupDiffTest {
    private static final ResourceKey VPC = new ResourceKey("us-east-1", "ec2/vpc", "main");
    private static final ResourceKey ALB = new ResourceKey("us-east-1", "ec2/security-group", "alb");
    private static final SecurityGroupSpec APP = new SecurityGroupSpec("demo-app", VPC, "app tasks", List.of(
            IngressRule.fromGroup(8080, ALB, "from the load balancer"),
            IngressRule.fromCidr(80, "10.0.0.0/16", "health checks")));
    private static final Refs PUBLISHED = Refs.of(Map.of(VPC, "vpc-1", ALB, "sg-alb"));

    private static final Rule FROM_ALB = new Rule("tcp", 8080, 8080, SourceType.GROUP, "sg-alb");
    private static final Rule FROM_VPC = new Rule("tcp", 80, 80, SourceType.CIDR, "10.0.0.0/16");
    private static final String DESIRED = "[tcp 80 from 10.0.0.0/16, tcp 8080 from sg:alb]";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("in line", APP, state(List.of(FROM_ALB, FROM_VPC), PUBLISHED), List.of()),
                Arguments.of("in line, other order", APP, state(List.of(FROM_VPC, FROM_ALB), PUBLISHED), List.of()),
                Arguments.of("ssh opened by hand", APP,
                        state(List.of(FROM_ALB, FROM_VPC, new Rule("tcp", 22, 22, SourceType.CIDR, "0.0.0.0/0")), PUBLISHED),
                        List.of("ingress: " + DESIRED + " <- [tcp 22 from 0.0.0.0/0, tcp 80 from 10.0.0.0/16, "
                                + "tcp 8080 from sg:alb]")),
                Arguments.of("rule revoked by hand", APP, state(List.of(FROM_VPC), PUBLISHED),
                        List.of("ingress: " + DESIRED + " <- [tcp 80 from 10.0.0.0/16]")),
                Arguments.of("from a group that is not ours", APP,
                        state(List.of(new Rule("tcp", 8080, 8080, SourceType.GROUP, "sg-other"), FROM_VPC), PUBLISHED),
                        List.of("ingress: " + DESIRED + " <- [tcp 80 from 10.0.0.0/16, tcp 8080 from sg:sg-other]")),
                Arguments.of("source group not created yet", APP,
                        state(List.of(FROM_ALB, FROM_VPC), Refs.of(Map.of(VPC, "vpc-1"))),
                        List.of("ingress: " + DESIRED + " <- [tcp 80 from 10.0.0.0/16, tcp 8080 from sg:sg-alb]")),
                Arguments.of("all traffic and port range by hand", new SecurityGroupSpec("demo-app", VPC, "app tasks",
                                List.of()),
                        state(List.of(new Rule("-1", null, null, SourceType.CIDR, "10.0.0.0/8"),
                                new Rule("tcp", 1000, 2000, SourceType.IPV6_CIDR, "::/0")), PUBLISHED),
                        List.of("ingress: [] <- [all from 10.0.0.0/8, tcp 1000-2000 from ::/0]")),
                Arguments.of("port range in the spec", new SecurityGroupSpec("demo-app", VPC, "app tasks",
                                List.of(new IngressRule(1000, 2000, Optional.of("10.0.0.0/16"), Optional.empty(), "range"))),
                        state(List.of(new Rule("tcp", 1000, 2000, SourceType.CIDR, "10.0.0.0/16")), PUBLISHED), List.of()),
                Arguments.of("description changed", new SecurityGroupSpec("demo-app", VPC, "app containers",
                                APP.ingress()), state(List.of(FROM_ALB, FROM_VPC), PUBLISHED),
                        List.of("description!: app containers <- app tasks")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, SecurityGroupSpec spec, Observed actual, List<String> expected) {
        assertEquals(expected, DiffFormat.of(new SecurityGroupReconciler().diff(spec, actual.state(), actual.parents())));
    }

    /** An observed group, with the parents' ids the engine would hand diff. */
    record Observed(SecurityGroupState state, Refs parents) {}

    private static Observed state(List<Rule> ingress, Refs parents) {
        return new Observed(new SecurityGroupState("sg-app", "demo-app", "app tasks", "vpc-1", ingress), parents);
    }
}
