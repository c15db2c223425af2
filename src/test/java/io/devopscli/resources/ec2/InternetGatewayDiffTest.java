package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.Refs;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InternetGatewayDiffTest {
    private static final ResourceKey VPC = new ResourceKey("us-east-1", "ec2/vpc", "main");
    private static final InternetGatewaySpec SPEC = new InternetGatewaySpec("demo-igw", VPC);
    private static final Refs PUBLISHED = Refs.of(Map.of(VPC, "vpc-1"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("attached to ours", List.of("vpc-1"), PUBLISHED, List.of()),
                Arguments.of("detached", List.of(), PUBLISHED, List.of("attachedVpc: main <- none")),
                Arguments.of("attached elsewhere", List.of("vpc-9"), PUBLISHED, List.of("attachedVpc: main <- vpc-9")),
                Arguments.of("vpc not there yet", List.of("vpc-1"), Refs.none(), List.of("attachedVpc: main <- vpc-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, List<String> attached, Refs parents, List<String> expected) {
        InternetGatewayState actual = new InternetGatewayState("igw-1", attached);
        assertEquals(expected, DiffFormat.of(new InternetGatewayReconciler().diff(SPEC, actual, parents)));
    }
}
