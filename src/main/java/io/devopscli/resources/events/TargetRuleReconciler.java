package io.devopscli.resources.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.RegionalArns;
import io.devopscli.resources.iam.PolicyDocuments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * An EventBridge rule with one role-less target (TargetRuleSpec), found by name and recognised as ours by
 * its ownership tag. As with the push rule, the target belongs to the rule: an extra target added by hand
 * is drift, and delete removes targets before the rule. Publishes the rule's ARN.
 */
public final class TargetRuleReconciler implements Reconciler<TargetRuleSpec, TargetRuleState>,
        Updatable<TargetRuleSpec, TargetRuleState> {

    @Override
    public Optional<TargetRuleState> observe(TargetRuleSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        return ListedRules.describe(ctx, spec.name())
                .filter(rule -> EventRules.isOwned(events, rule.arn(), ctx.project()))
                .map(rule -> state(rule, EventRules.targets(events, spec.name()),
                        ctx.idOf(spec.target()).map(id -> targetArn(spec, id, ctx)).orElse(null)));
    }

    @Override
    public List<FieldChange> diff(TargetRuleSpec spec, TargetRuleState actual) {
        String arn = actual.wantedTargetArn() == null ? "(to be created)" : actual.wantedTargetArn();
        return new Diffs()
                .field("eventPattern", spec.pattern(), actual.pattern())
                .field("state", RuleState.ENABLED.toString(), actual.state())
                .field("targets", List.of(render(spec.targetId(), arn, spec.transformer())), actual.targets())
                .toList();
    }

    /** PutRule overwrites a same-named rule: the engine refuses one that is not ours. */
    @Override
    public Optional<String> foreign(TargetRuleSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        // the plan's ListRules of the region answers it (see ListedRules): no DescribeRule
        return ListedRules.describe(ctx, spec.name()).map(DescribeRuleResponse::arn).filter(arn -> !EventRules.isOwned(events, arn, ctx.project()));
    }

    @Override
    public TargetRuleState create(TargetRuleSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        String ruleArn = putRule(events, spec, ctx, true);
        String targetArn = targetArn(spec, ctx.requireId(spec.target()), ctx);
        EventRules.putTarget(events, spec.name(), target(spec, targetArn));
        return new TargetRuleState(spec.name(), ruleArn, spec.pattern(), RuleState.ENABLED.toString(),
                List.of(render(spec.targetId(), targetArn, spec.transformer())), targetArn);
    }

    @Override
    public TargetRuleState update(TargetRuleSpec spec, TargetRuleState actual, List<FieldChange> changes,
                                  RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        if (changes.stream().anyMatch(c -> !c.field().equals("targets"))) {
            putRule(events, spec, ctx, false); // keeps targets and tags
        }
        String targetArn = targetArn(spec, ctx.requireId(spec.target()), ctx);
        if (changes.stream().anyMatch(c -> c.field().equals("targets"))) {
            List<String> extra = EventRules.targets(events, spec.name()).stream().map(Target::id)
                    .filter(id -> !id.equals(spec.targetId())).toList();
            if (!extra.isEmpty()) {
                EventRules.removeTargets(events, spec.name(), extra);
            }
            EventRules.putTarget(events, spec.name(), target(spec, targetArn));
        }
        return new TargetRuleState(spec.name(), actual.arn(), spec.pattern(), RuleState.ENABLED.toString(),
                List.of(render(spec.targetId(), targetArn, spec.transformer())), targetArn);
    }

    @Override
    public void delete(TargetRuleState actual, RegionContext ctx) {
        EventRules.deleteRule(events(ctx), actual.name());
    }

    @Override
    public String id(TargetRuleState actual) {
        return actual.arn();
    }

    private static String putRule(EventBridgeClient events, TargetRuleSpec spec, RegionContext ctx, boolean tag) {
        return AwsCall.call(() -> events.putRule(r -> {
            r.name(spec.name()).eventPattern(spec.pattern().toString()).state(RuleState.ENABLED)
                    .description("devops-cli " + ctx.project() + ": " + spec.description());
            if (tag) {
                r.tags(EventRules.ownedTags(ctx.project(), spec.name()));
            }
        })).ruleArn();
    }

    private static Target target(TargetRuleSpec spec, String arn) {
        Target.Builder t = Target.builder().id(spec.targetId()).arn(arn);
        if (spec.transformer() != null) {
            t.inputTransformer(i -> i.inputPathsMap(spec.transformer().paths()).inputTemplate(spec.transformer().template()));
        }
        return t.build();
    }

    static String targetArn(TargetRuleSpec spec, String id, RegionContext ctx) {
        return spec.kind() == TargetRuleSpec.TargetKind.LOG_GROUP ? RegionalArns.of(ctx, "logs", "log-group:" + id) : id;
    }

    static String render(String id, String arn, TargetRuleSpec.Transformer transformer) {
        return id + " -> " + arn + (transformer == null ? "" : " " + transformer);
    }

    private static TargetRuleState state(DescribeRuleResponse rule, List<Target> targets, String wantedTargetArn) {
        List<String> rendered = targets.stream().map(t -> render(t.id(), t.arn(), t.inputTransformer() == null ? null
                : new TargetRuleSpec.Transformer(t.inputTransformer().inputPathsMap() == null ? Map.of()
                        : new TreeMap<>(t.inputTransformer().inputPathsMap()), t.inputTransformer().inputTemplate())))
                .toList();
        JsonNode pattern = rule.eventPattern() == null ? null : PolicyDocuments.parse(rule.eventPattern());
        return new TargetRuleState(rule.name(), rule.arn(), pattern, rule.stateAsString(), rendered, wantedTargetArn);
    }

    private static EventBridgeClient events(RegionContext ctx) {
        return ctx.services(AwsClients.class).events();
    }
}
