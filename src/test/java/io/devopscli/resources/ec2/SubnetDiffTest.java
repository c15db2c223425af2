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

class SubnetDiffTest {
    private static final ResourceKey VPC = new ResourceKey("us-east-1", "ec2/vpc", "main");
    private static final Refs PUBLISHED = Refs.of(Map.of(VPC, "vpc-1"));
    private static final SubnetSpec PUBLIC = new SubnetSpec("public-a", VPC, "10.0.0.0/24", "us-east-1a", true);
    private static final SubnetSpec PRIVATE = new SubnetSpec("private-a", VPC, "10.0.10.0/24", "us-east-1a", false);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("public in line", PUBLIC, state("10.0.0.0/24", "us-east-1a", true, "vpc-1", PUBLISHED), List.of()),
                Arguments.of("private in line", PRIVATE, state("10.0.10.0/24", "us-east-1a", false, "vpc-1", PUBLISHED),
                        List.of()),
                Arguments.of("public lost public ips", PUBLIC, state("10.0.0.0/24", "us-east-1a", false, "vpc-1", PUBLISHED),
                        List.of("mapPublicIpOnLaunch: true <- false")),
                Arguments.of("private maps public ips", PRIVATE, state("10.0.10.0/24", "us-east-1a", true, "vpc-1", PUBLISHED),
                        List.of("mapPublicIpOnLaunch: false <- true")),
                Arguments.of("other cidr", PUBLIC, state("10.0.1.0/24", "us-east-1a", true, "vpc-1", PUBLISHED),
                        List.of("cidr!: 10.0.0.0/24 <- 10.0.1.0/24")),
                Arguments.of("other zone", PUBLIC, state("10.0.0.0/24", "us-east-1b", true, "vpc-1", PUBLISHED),
                        List.of("availabilityZone!: us-east-1a <- us-east-1b")),
                Arguments.of("in another vpc", PUBLIC, state("10.0.0.0/24", "us-east-1a", true, "vpc-9", PUBLISHED),
                        List.of("vpc!: main <- vpc-9")),
                Arguments.of("vpc not there yet", PUBLIC, state("10.0.0.0/24", "us-east-1a", true, "vpc-1", Refs.none()),
                        List.of("vpc!: main <- vpc-1")));
    }

    /** An observed subnet, with the parents' ids the engine would hand diff. */
    private static Observed state(String cidr, String az, boolean mapPublic, String vpcId, Refs parents) {
        return new Observed(new SubnetState("subnet-1", vpcId, cidr, az, mapPublic), parents);
    }

    record Observed(SubnetState state, Refs parents) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, SubnetSpec spec, Observed actual, List<String> expected) {
        assertEquals(expected, DiffFormat.of(new SubnetReconciler().diff(spec, actual.state(), actual.parents())));
    }
}
