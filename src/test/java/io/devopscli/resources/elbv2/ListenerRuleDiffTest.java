package io.devopscli.resources.elbv2;

import static io.devopscli.resources.elbv2.ElbStack.LISTENER;
import static io.devopscli.resources.elbv2.ElbStack.STAGING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Refs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

class ListenerRuleDiffTest {
    private static final ListenerRuleSpec SPEC = new ListenerRuleSpec("demo-staging", LISTENER, 10,
            "staging.app.example.com", STAGING);
    private static final Refs PUBLISHED = Refs.of(Map.of(STAGING, "arn:tg/staging"));
    private static final List<String> HOST = List.of("host-header=[staging.app.example.com]");
    private static final List<RuleAction> TO_STAGING = List.of(new RuleAction("forward", List.of("arn:tg/staging")));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("in line", state("10", HOST, TO_STAGING), List.of()),
                Arguments.of("host changed by hand", state("10", List.of("host-header=[evil.example.com]"), TO_STAGING),
                        List.of(FieldChange.of("conditions", HOST, List.of("host-header=[evil.example.com]")))),
                Arguments.of("a path condition added by hand",
                        state("10", List.of("host-header=[staging.app.example.com]", "path-pattern=[/admin/*]"), TO_STAGING),
                        List.of(FieldChange.of("conditions", HOST,
                                List.of("host-header=[staging.app.example.com]", "path-pattern=[/admin/*]")))),
                Arguments.of("priority moved by hand", state("42", HOST, TO_STAGING),
                        List.of(FieldChange.of("priority", "10", "42"))),
                Arguments.of("forwarding to production", state("10", HOST,
                                List.of(new RuleAction("forward", List.of("arn:tg/prod")))),
                        List.of(FieldChange.of("action", "forward:staging", "forward:arn:tg/prod"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, ListenerRuleState actual, List<FieldChange> expected) {
        assertEquals(expected, new ListenerRuleReconciler().diff(SPEC, actual, PUBLISHED));
    }

    @Test
    void conditionsReadTheSameFromValuesAndFromTheHostHeaderConfig() {
        RuleCondition legacy = RuleCondition.builder().field("host-header").values("a.example.com").build();
        RuleCondition config = RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("a.example.com")).build();
        assertEquals(ListenerRuleReconciler.render(List.of(legacy)), ListenerRuleReconciler.render(List.of(config)));
        assertEquals(List.of("host-header=[a.example.com]"), ListenerRuleReconciler.render(List.of(config)));
    }

    private static ListenerRuleState state(String priority, List<String> conditions, List<RuleAction> actions) {
        return new ListenerRuleState("arn:rule", priority, conditions, actions);
    }
}
