package io.devopscli.resources.elbv2;

import static io.devopscli.resources.elbv2.ElbStack.ALB;
import static io.devopscli.resources.elbv2.ElbStack.PRODUCTION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.resources.ec2.ParentIds;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListenerDiffTest {
    private static final ListenerSpec SPEC = ListenerSpec.http("demo-http", ALB, PRODUCTION);
    private static final ParentIds PUBLISHED = new ParentIds(Map.of(PRODUCTION, "arn:tg/prod"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("in line", state("HTTP", List.of(forward("arn:tg/prod")), PUBLISHED), List.of()),
                Arguments.of("forwarding to another group", state("HTTP", List.of(forward("arn:tg/other")), PUBLISHED),
                        List.of(FieldChange.of("defaultAction", "forward:production", "forward:arn:tg/other"))),
                Arguments.of("a fixed response set by hand",
                        state("HTTP", List.of(new RuleAction("fixed-response", List.of())), PUBLISHED),
                        List.of(FieldChange.of("defaultAction", "forward:production", "fixed-response"))),
                Arguments.of("weighted between two groups",
                        state("HTTP", List.of(new RuleAction("forward", List.of("arn:tg/prod", "arn:tg/other"))), PUBLISHED),
                        List.of(FieldChange.of("defaultAction", "forward:production", "forward:production+arn:tg/other"))),
                Arguments.of("target group not created yet", state("HTTP", List.of(forward("arn:tg/prod")), ParentIds.none()),
                        List.of(FieldChange.of("defaultAction", "forward:production", "forward:arn:tg/prod"))),
                Arguments.of("protocol changed by hand", state("HTTPS", List.of(forward("arn:tg/prod")), PUBLISHED),
                        List.of(FieldChange.of("protocol", "HTTP", "HTTPS"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, ListenerState actual, List<FieldChange> expected) {
        assertEquals(expected, new ListenerReconciler().diff(SPEC, actual));
    }

    private static RuleAction forward(String arn) {
        return new RuleAction("forward", List.of(arn));
    }

    private static ListenerState state(String protocol, List<RuleAction> actions, ParentIds parents) {
        return new ListenerState("arn:listener", "arn:lb", protocol, 80, actions, parents);
    }
}
