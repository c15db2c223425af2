package io.devopscli.resources.elbv2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Updatable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * A host-header rule of our listener, found among the listener's rules by its ownership and Name tags, so
 * a priority changed by hand is still recognised (and set back). Publishes the rule ARN. Rules have no
 * state to wait for.
 */
public final class ListenerRuleReconciler implements Reconciler<ListenerRuleSpec, ListenerRuleState>,
        Referencing<ListenerRuleSpec, ListenerRuleState>, Updatable<ListenerRuleSpec, ListenerRuleState> {
    static final String HOST_HEADER = "host-header";

    @Override
    public Optional<ListenerRuleState> observe(ListenerRuleSpec spec, RegionContext ctx) {
        return ctx.idOf(spec.listener()).flatMap(listenerArn -> owned(elb(ctx), listenerArn, ctx.project(), spec.name()))
                .map(ListenerRuleReconciler::state);
    }

    @Override
    public List<ResourceKey> references(ListenerRuleSpec spec) {
        return List.of(spec.targetGroup());
    }

    @Override
    public List<FieldChange> diff(ListenerRuleSpec spec, ListenerRuleState actual, Refs parents) {
        return new Diffs()
                .field("priority", String.valueOf(spec.priority()), actual.priority())
                .field("conditions", List.of(hostCondition(spec.host())), actual.conditions())
                .field("action", RuleAction.desired(spec.targetGroup()),
                        RuleAction.render(actual.actions(), parents))
                .toList();
    }

    @Override
    public ListenerRuleState create(ListenerRuleSpec spec, RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        String listenerArn = ctx.requireId(spec.listener());
        java.util.function.Supplier<Optional<Rule>> ours = () -> {
            List<Rule> now = rules(elb, listenerArn);
            return pick(now, tagsOf(elb, now), ctx.project(), spec.name());
        };
        // Sent once per attempt, with a look for ours before each retry: a lost answer never makes a second.
        // No look before the first: a priority already taken is AWS's PriorityInUse, looked into then.
        try {
            return state(io.devopscli.aws.CreateOnce.create(ours,
                    () -> ctx.services(io.devopscli.aws.AwsClients.class).once().elbv2().createRule(r -> r.listenerArn(listenerArn)
                            .priority(spec.priority()).conditions(hostHeader(spec.host()))
                            .actions(RuleAction.forward(ctx.requireId(spec.targetGroup())))
                            .tags(ElbTags.owned(ctx.project(), spec.name()))).rules().get(0)));
        } catch (io.devopscli.aws.AwsFailure f) {
            if (!"PriorityInUse".equals(f.code())) {
                throw f;
            }
            // ours, made by an attempt whose answer was lost; else someone else's rule holds the priority
            return ours.get().map(ListenerRuleReconciler::state).orElseThrow(() -> takenBy(elb, listenerArn, spec, f));
        }
    }

    private static IllegalStateException takenBy(ElasticLoadBalancingV2Client elb, String listenerArn, ListenerRuleSpec spec,
                                                 io.devopscli.aws.AwsFailure f) {
        String priority = String.valueOf(spec.priority());
        String holder = rules(elb, listenerArn).stream().filter(r -> priority.equals(r.priority())).findFirst()
                .map(Rule::ruleArn).orElse("another rule");
        return new IllegalStateException("priority " + priority + " of listener " + listenerArn + " is taken by rule "
                + holder + ", which devops-cli does not own; remove it or give it another priority", f);
    }

    @Override
    public ListenerRuleState update(ListenerRuleSpec spec, ListenerRuleState actual, List<FieldChange> changes,
                                    RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        String arn = actual.arn();
        Set<String> fields = changes.stream().map(FieldChange::field).collect(Collectors.toSet());
        if (fields.contains("conditions") || fields.contains("action")) {
            AwsCall.run(() -> elb.modifyRule(r -> r.ruleArn(arn).conditions(hostHeader(spec.host()))
                    .actions(RuleAction.forward(ctx.requireId(spec.targetGroup())))));
        }
        if (fields.contains("priority")) {
            AwsCall.run(() -> elb.setRulePriorities(r -> r.rulePriorities(p -> p.ruleArn(arn)
                    .priority(spec.priority()))));
        }
        Rule fresh = AwsCall.orEmpty(() -> elb.describeRules(r -> r.ruleArns(arn)).rules())
                .flatMap(l -> l.stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("listener rule " + arn + " vanished while it was being updated"));
        return state(fresh);
    }

    @Override
    public void delete(ListenerRuleState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> elb(ctx).deleteRule(r -> r.ruleArn(actual.arn())));
    }

    @Override
    public String id(ListenerRuleState actual) {
        return actual.arn();
    }

    /** One condition as diff shows it: "host-header=[staging.app.example.com]". */
    static String hostCondition(String host) {
        return HOST_HEADER + "=" + List.of(host);
    }

    /** Conditions in that form, sorted. AWS reports host and path values both in Values and in the *Config. */
    static List<String> render(List<RuleCondition> conditions) {
        List<String> rendered = new ArrayList<>();
        for (RuleCondition c : conditions) {
            List<String> values = c.hasValues() && !c.values().isEmpty() ? c.values()
                    : c.hostHeaderConfig() != null ? c.hostHeaderConfig().values()
                    : c.pathPatternConfig() != null ? c.pathPatternConfig().values()
                    : List.of();
            rendered.add(c.field() + "=" + values.stream().sorted().toList());
        }
        return rendered.stream().sorted().toList();
    }

    private static RuleCondition hostHeader(String host) {
        return RuleCondition.builder().field(HOST_HEADER).hostHeaderConfig(h -> h.values(host)).build();
    }

    private static Optional<Rule> owned(ElasticLoadBalancingV2Client elb, String listenerArn, String project,
                                        String name) {
        List<Rule> rules = rules(elb, listenerArn);
        return pick(rules, tagsOf(elb, rules), project, name);
    }

    /** The listener's rules without its default rule (which is the listener's default action, not a rule). */
    private static List<Rule> rules(ElasticLoadBalancingV2Client elb, String listenerArn) {
        return AwsCall.orEmpty(() -> elb.describeRules(r -> r.listenerArn(listenerArn)).rules()).orElse(List.of())
                .stream().filter(r -> !Boolean.TRUE.equals(r.isDefault())).toList();
    }

    private static Map<String, Map<String, String>> tagsOf(ElasticLoadBalancingV2Client elb, List<Rule> rules) {
        return rules.isEmpty() ? Map.of() : ElbTags.of(elb, rules.stream().map(Rule::ruleArn).toList());
    }

    /** Ours by tags; should a crash have left two, the lowest ARN, so every run picks the same one. */
    private static Optional<Rule> pick(List<Rule> rules, Map<String, Map<String, String>> tags, String project,
                                       String name) {
        return rules.stream()
                .filter(r -> ElbTags.ownedAndNamed(tags.getOrDefault(r.ruleArn(), Map.of()), project, name))
                .min(java.util.Comparator.comparing(Rule::ruleArn));
    }

    private static ListenerRuleState state(Rule r) {
        return new ListenerRuleState(r.ruleArn(), r.priority(), render(r.conditions()), RuleAction.of(r.actions()));
    }

    private static ElasticLoadBalancingV2Client elb(RegionContext ctx) {
        return ctx.services(AwsClients.class).elbv2();
    }
}
