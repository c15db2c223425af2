package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VpcDiffTest {
    private static final VpcSpec SPEC = new VpcSpec("demo-us-east-1", "10.0.0.0/16");
    private static final ResourceKey KEY = new ResourceKey("us-east-1", "ec2/vpc", "main");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("in line", new VpcState("vpc-1", "10.0.0.0/16", "available", true, true),
                        List.of(), Action.NOOP),
                Arguments.of("dns support off", new VpcState("vpc-1", "10.0.0.0/16", "available", false, true),
                        List.of("enableDnsSupport: true <- false"), Action.UPDATE),
                Arguments.of("dns hostnames off", new VpcState("vpc-1", "10.0.0.0/16", "available", true, false),
                        List.of("enableDnsHostnames: true <- false"), Action.UPDATE),
                Arguments.of("both off", new VpcState("vpc-1", "10.0.0.0/16", "available", false, false),
                        List.of("enableDnsSupport: true <- false", "enableDnsHostnames: true <- false"), Action.UPDATE),
                Arguments.of("other cidr", new VpcState("vpc-1", "10.9.0.0/16", "available", true, true),
                        List.of("cidr!: 10.0.0.0/16 <- 10.9.0.0/16"), Action.REPLACE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, VpcState actual, List<String> expected, Action action) {
        List<FieldChange> changes = new VpcReconciler().diff(SPEC, actual);
        assertEquals(expected, DiffFormat.of(changes));
        assertEquals(action, Change.of(KEY, changes).action());
    }
}
