package io.devopscli.resources.events;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.RegionalArns;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The EventBridge rule (default bus) that starts the pipeline when its branch is pushed, with its one
 * target. Found by its name and recognised as ours by its ownership tag. Publishes the rule's ARN.
 *
 * <p>The target is part of the rule rather than a node of its own: it has no tags, no ARN and no life
 * apart from the rule (DeleteRule even refuses while it has targets), so one reconciler can order
 * RemoveTargets before DeleteRule and report an extra target added by hand as drift of the rule.
 * Pattern (compared as JSON), state and targets are mutable.
 */
public final class RuleReconciler implements Reconciler<RuleSpec, EventRuleState>, Updatable<RuleSpec, EventRuleState> {
    static final String TARGET_ID = "pipeline";
    static final String TO_BE_CREATED = "(to be created)";

    @Override
    public Optional<EventRuleState> observe(RuleSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        return ListedRules.describe(ctx, spec.name())
                .filter(rule -> isOwned(events, rule.arn(), ctx.project()))
                .map(rule -> state(rule, targets(events, spec.name()), ctx.idOf(spec.repository()).orElse(null),
                        ctx.idOf(spec.pipeline()).map(name -> pipelineArn(ctx, name)).orElse(null),
                        ctx.idOf(spec.role()).orElse(null)));
    }

    @Override
    public List<FieldChange> diff(RuleSpec spec, EventRuleState actual) {
        return new Diffs()
                .field("eventPattern", PushPattern.of(wanted(actual.wantedRepositoryArn()), spec.branch()),
                        actual.eventPattern())
                .field("state", RuleState.ENABLED.toString(), actual.state())
                .field("targets", List.of(new RuleTarget(TARGET_ID, wanted(actual.wantedPipelineArn()),
                        wanted(actual.wantedRoleArn()))), actual.targets())
                .toList();
    }

    /** PutRule overwrites a same-named rule: the engine refuses one that is not ours. */
    @Override
    public Optional<String> foreign(RuleSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        // the plan's ListRules of the region answers it (see ListedRules): no DescribeRule
        return ListedRules.describe(ctx, spec.name()).map(DescribeRuleResponse::arn).filter(arn -> !isOwned(events, arn, ctx.project()));
    }

    @Override
    public EventRuleState create(RuleSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        List<Tag> tags = EventRules.ownedTags(ctx.project(), spec.name());
        String repositoryArn = ctx.requireId(spec.repository());
        String arn = AwsCall.call(() -> events.putRule(r -> r.name(spec.name())
                .eventPattern(PushPattern.of(repositoryArn, spec.branch()).toString())
                .state(RuleState.ENABLED).tags(tags)
                .description("devops-cli " + ctx.project() + ": pushes to " + spec.branch() + " start the pipeline")))
                .ruleArn();
        RuleTarget target = desiredTarget(spec, ctx);
        putTarget(events, spec.name(), target);
        return new EventRuleState(spec.name(), arn,
                PushPattern.of(repositoryArn, spec.branch()), RuleState.ENABLED.toString(), List.of(target),
                repositoryArn, target.arn(), target.roleArn());
    }

    @Override
    public EventRuleState update(RuleSpec spec, EventRuleState actual,
                                                          List<FieldChange> changes, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        String repositoryArn = ctx.requireId(spec.repository());
        boolean ruleChanged = changes.stream().anyMatch(c -> !c.field().equals("targets"));
        if (ruleChanged) {
            // PutRule on an existing rule replaces pattern and state and keeps its targets and tags
            AwsCall.run(() -> events.putRule(r -> r.name(spec.name())
                    .eventPattern(PushPattern.of(repositoryArn, spec.branch()).toString()).state(RuleState.ENABLED)
                    .description("devops-cli " + ctx.project() + ": pushes to " + spec.branch() + " start the pipeline")));
        }
        RuleTarget target = desiredTarget(spec, ctx);
        if (changes.stream().anyMatch(c -> c.field().equals("targets"))) {
            List<String> extra = actual.targets().stream().map(RuleTarget::id).filter(id -> !id.equals(TARGET_ID)).toList();
            if (!extra.isEmpty()) {
                removeTargets(events, spec.name(), extra);
            }
            putTarget(events, spec.name(), target);
        }
        return new EventRuleState(spec.name(), actual.arn(),
                PushPattern.of(repositoryArn, spec.branch()), RuleState.ENABLED.toString(), List.of(target),
                repositoryArn, target.arn(), target.roleArn());
    }

    @Override
    public void delete(EventRuleState actual, RegionContext ctx) {
        // targets listed again rather than taken from the plan: DeleteRule fails while any is left
        EventRules.deleteRule(events(ctx), actual.name());
    }

    @Override
    public String id(EventRuleState actual) {
        return actual.arn();
    }

    /** The pipeline's ARN, which AWS derives from its name; the pipeline publishes only its name. */
    static String pipelineArn(RegionContext ctx, String pipelineName) {
        return RegionalArns.of(ctx, "codepipeline", pipelineName);
    }

    private static RuleTarget desiredTarget(RuleSpec spec, RegionContext ctx) {
        return new RuleTarget(TARGET_ID, pipelineArn(ctx, ctx.requireId(spec.pipeline())), ctx.requireId(spec.role()));
    }

    private static void putTarget(EventBridgeClient events, String rule, RuleTarget target) {
        EventRules.putTarget(events, rule, Target.builder().id(target.id()).arn(target.arn()).roleArn(target.roleArn()).build());
    }

    private static void removeTargets(EventBridgeClient events, String rule, List<String> ids) {
        EventRules.removeTargets(events, rule, ids);
    }

    private static List<RuleTarget> targets(EventBridgeClient events, String rule) {
        return EventRules.targets(events, rule).stream().map(t -> new RuleTarget(t.id(), t.arn(), t.roleArn())).toList();
    }

    private static boolean isOwned(EventBridgeClient events, String arn, String project) {
        return EventRules.isOwned(events, arn, project);
    }

    private static EventRuleState state(DescribeRuleResponse rule, List<RuleTarget> targets,
                                                                 String repositoryArn, String pipelineArn, String roleArn) {
        return new EventRuleState(rule.name(), rule.arn(), PushPattern.parse(rule.eventPattern()),
                rule.stateAsString(), targets, repositoryArn, pipelineArn, roleArn);
    }

    private static String wanted(String id) {
        return id == null ? TO_BE_CREATED : id;
    }

    private static EventBridgeClient events(RegionContext ctx) {
        return ctx.services(AwsClients.class).events();
    }
}
