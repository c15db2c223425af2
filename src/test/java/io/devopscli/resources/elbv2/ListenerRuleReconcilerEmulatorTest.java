package io.devopscli.resources.elbv2;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.elbv2.ElbStack.RULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

@EmulatorTest
class ListenerRuleReconcilerEmulatorTest {
    private static final String STAGING_HOST = "[staging.app.example.com]";

    private EngineHarness harness;
    private ElasticLoadBalancingV2Client elb;
    private ElbParents parents;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> { });
        parents = ElbParents.make(harness.clients().ec2());
        harness.desire(g -> ElbStack.full(g, parents, ElbStack.rule()));
        elb = harness.clients().elbv2();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicServesStagingByItsHostHeader() {
        harness.up();

        Rule rule = rules().get(0);
        assertEquals("10", rule.priority());
        assertEquals(List.of("host-header=" + STAGING_HOST), ListenerRuleReconciler.render(rule.conditions()));
        assertEquals("forward", rule.actions().get(0).typeAsString());
        assertEquals(tgArn("natproj-staging"), rule.actions().get(0).targetGroupArn());
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, "natproj-staging"), tags(rule.ruleArn()));
        ListenerRuleState observed = (ListenerRuleState) harness.plan().regions().get(0).observed().get(RULE);
        assertEquals(rule.ruleArn(), observed.arn());
    }

    @Test
    void idempotentSecondRunOfTheWholeStackMakesNoMutatingCall() {
        harness.up();
        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second));
        harness.clients().settings().counter().reset();
        EngineHarness.succeeded(harness.apply(second));
        assertEquals(0, harness.clients().settings().counter().mutating());
        assertEquals(1, rules().size());
    }

    @Test
    void aHostChangedByHandIsFoundAndRepaired() {
        harness.up();
        String arn = rules().get(0).ruleArn();
        elb.modifyRule(r -> r.ruleArn(arn).conditions(RuleCondition.builder().field("host-header")
                .hostHeaderConfig(h -> h.values("evil.example.com")).build()));

        Change change = EngineHarness.byKey(harness.plan()).get(RULE);
        assertEquals(new Change(RULE, Action.UPDATE, List.of(FieldChange.of("conditions",
                List.of("host-header=" + STAGING_HOST), List.of("host-header=[evil.example.com]")))), change);
        harness.up();

        assertEquals(List.of("host-header=" + STAGING_HOST), ListenerRuleReconciler.render(rules().get(0).conditions()));
        assertEquals(arn, rules().get(0).ruleArn());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aPriorityChangedByHandIsFoundByTagAndSetBack() {
        harness.up();
        String arn = rules().get(0).ruleArn();
        elb.setRulePriorities(r -> r.rulePriorities(p -> p.ruleArn(arn).priority(42)));

        assertEquals(new Change(RULE, Action.UPDATE, List.of(FieldChange.of("priority", "10", "42"))),
                EngineHarness.byKey(harness.plan()).get(RULE));
        harness.up();

        assertEquals("10", rules().get(0).priority());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aNewDomainInTheSpecUpdatesTheRuleInPlace() {
        harness.up();
        String arn = rules().get(0).ruleArn();
        harness.desire(g -> ElbStack.full(g, parents, new ListenerRuleSpec("natproj-staging", ElbStack.LISTENER, 10,
                "staging.shop.example.org", ElbStack.STAGING)));

        assertEquals(List.of(new Change(RULE, Action.UPDATE, List.of(FieldChange.of("conditions",
                        List.of("host-header=[staging.shop.example.org]"), List.of("host-header=" + STAGING_HOST))))),
                EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of("host-header=[staging.shop.example.org]"),
                ListenerRuleReconciler.render(rules().get(0).conditions()));
        assertEquals(arn, rules().get(0).ruleArn());
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        elb.deleteRule(r -> r.ruleArn(rules().get(0).ruleArn()));

        assertEquals(List.of(new Change(RULE, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(1, rules().size());
    }

    @Test
    void destroyDeletesTheRuleAndThenEverythingElse() {
        harness.up();
        Plan plan = harness.planDestroy();
        assertEquals(Action.DELETE, EngineHarness.byKey(plan).get(RULE).action());
        EngineHarness.succeeded(harness.destroy(plan));

        assertEquals(List.of(), elb.describeLoadBalancers().loadBalancers());
        assertEquals(List.of(), elb.describeTargetGroups().targetGroups());
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()).stream()
                .filter(c -> c.key().type().startsWith("elbv2/")).toList());
    }

    @Test
    void aRuleOfSomeoneElseHoldingThePriorityIsNotTakenOver() {
        harness.desire(g -> ElbStack.full(g, parents, new ListenerRuleSpec("natproj-staging", ElbStack.LISTENER, 20,
                "staging." + ElbStack.DOMAIN, ElbStack.STAGING)));
        harness.up();
        String listenerArn = elb.describeListeners(r -> r.loadBalancerArn(
                elb.describeLoadBalancers().loadBalancers().get(0).loadBalancerArn())).listeners().get(0).listenerArn();
        String foreign = elb.createRule(r -> r.listenerArn(listenerArn).priority(10)
                .conditions(c -> c.field("path-pattern").values("/admin/*"))
                .actions(RuleAction.forward(tgArn("natproj-production")))).rules().get(0).ruleArn();
        elb.deleteRule(r -> r.ruleArn(rules().stream().filter(x -> x.priority().equals("20")).findFirst()
                .orElseThrow().ruleArn()));
        harness.desire(g -> ElbStack.full(g, parents, ElbStack.rule()));

        RunReport report = harness.apply(harness.plan());
        NodeResult result = report.results().stream().filter(r -> r.key().equals(RULE)).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("priority 10 of listener " + listenerArn + " is taken by rule " + foreign),
                result.message());
        assertEquals(List.of(foreign), rules().stream().map(Rule::ruleArn).toList());
    }

    /** The listener's rules other than its default. */
    private List<Rule> rules() {
        String lbArn = elb.describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
        String listenerArn = elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().get(0).listenerArn();
        return elb.describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
                .filter(r -> !Boolean.TRUE.equals(r.isDefault())).toList();
    }

    private String tgArn(String name) {
        return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
    }

    private Map<String, String> tags(String arn) {
        return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }
}
