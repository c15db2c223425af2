package io.devopscli.resources.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The rule (default bus) that hands each reference change of the region's repository to the replication
 * function, with its one target. Every region has one; it is ENABLED only in the replication source
 * region (the one serving production, read through the spec's SourceRegion), so a failover that moved
 * the source is not drift. Found by name, ours by its ownership tag; publishes the rule's ARN.
 * As for the push rule, the target lives and dies with the rule. A Lambda target takes no role: the
 * function's resource policy (a lambda/permission node) lets this rule invoke it. Delivery failures
 * (function throttled or missing) are retried by EventBridge, then sent to the dead-letter queue, whose
 * policy must let events.amazonaws.com send for this rule.
 */
public final class ReplicationTriggerReconciler implements Reconciler<ReplicationTriggerSpec, ReplicationTriggerState>,
        Updatable<ReplicationTriggerSpec, ReplicationTriggerState> {
    static final String TARGET_ID = "replication";
    static final String TO_BE_CREATED = "(to be created)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<ReplicationTriggerState> observe(ReplicationTriggerSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        return ListedRules.describe(ctx, spec.name())
                .filter(rule -> EventRules.isOwned(events, rule.arn(), ctx.project()))
                .map(rule -> state(rule, targets(events, spec.name()), ctx.idOf(spec.repository()).orElse(null),
                        ctx.idOf(spec.function()).orElse(null), ctx.idOf(spec.deadLetterQueue()).orElse(null),
                        ReplicationSwitch.wanted(ctx.region(), spec.source().read(ctx))));
    }

    @Override
    public List<FieldChange> diff(ReplicationTriggerSpec spec, ReplicationTriggerState actual) {
        return new Diffs()
                .field("eventPattern", pattern(wanted(actual.wantedRepositoryArn())), actual.eventPattern())
                .field("state", actual.wantedState(), actual.state())
                .field("targets", List.of(target(spec, wanted(actual.wantedFunctionArn()), wanted(actual.wantedQueueArn()))),
                        actual.targets())
                .toList();
    }

    /** PutRule overwrites a same-named rule: the engine refuses one that is not ours. */
    @Override
    public Optional<String> foreign(ReplicationTriggerSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        // the plan's ListRules of the region answers it (see ListedRules): no DescribeRule
        return ListedRules.describe(ctx, spec.name()).map(DescribeRuleResponse::arn).filter(arn -> !EventRules.isOwned(events, arn, ctx.project()));
    }

    @Override
    public ReplicationTriggerState create(ReplicationTriggerSpec spec, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        String repositoryArn = ctx.requireId(spec.repository());
        String state = ReplicationSwitch.wanted(ctx.region(), spec.source().read(ctx));
        String arn = AwsCall.call(() -> events.putRule(r -> r.name(spec.name()).eventPattern(pattern(repositoryArn).toString())
                .state(state).tags(EventRules.ownedTags(ctx.project(), spec.name()))
                .description(description(ctx)))).ruleArn();
        ReplicationTarget target = putTarget(events, spec, ctx);
        return new ReplicationTriggerState(spec.name(), arn, pattern(repositoryArn), state,
                List.of(target), repositoryArn, target.arn(), target.deadLetterArn(), state);
    }

    @Override
    public ReplicationTriggerState update(ReplicationTriggerSpec spec, ReplicationTriggerState actual,
                                          List<FieldChange> changes, RegionContext ctx) {
        EventBridgeClient events = events(ctx);
        String repositoryArn = ctx.requireId(spec.repository());
        String state = actual.wantedState();
        if (changes.stream().anyMatch(c -> !c.field().equals("targets"))) {
            // PutRule on an existing rule replaces pattern and state and keeps its targets and tags
            AwsCall.run(() -> events.putRule(r -> r.name(spec.name()).eventPattern(pattern(repositoryArn).toString())
                    .state(state).description(description(ctx))));
        }
        ReplicationTarget target = target(spec, ctx.requireId(spec.function()), ctx.requireId(spec.deadLetterQueue()));
        if (changes.stream().anyMatch(c -> c.field().equals("targets"))) {
            List<String> extra = actual.targets().stream().map(ReplicationTarget::id).filter(id -> !id.equals(TARGET_ID)).toList();
            if (!extra.isEmpty()) {
                EventRules.removeTargets(events, spec.name(), extra);
            }
            putTarget(events, spec, ctx);
        }
        return new ReplicationTriggerState(spec.name(), actual.arn(), pattern(repositoryArn), state,
                List.of(target), repositoryArn, target.arn(), target.deadLetterArn(), state);
    }

    @Override
    public void delete(ReplicationTriggerState actual, RegionContext ctx) {
        EventRules.deleteRule(events(ctx), actual.name());
    }

    @Override
    public String id(ReplicationTriggerState actual) {
        return actual.arn();
    }

    /** Branch and tag creations, updates and deletions in the one repository. */
    static JsonNode pattern(String repositoryArn) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add("aws.codecommit");
        pattern.putArray("detail-type").add("CodeCommit Repository State Change");
        pattern.putArray("resources").add(repositoryArn);
        ObjectNode detail = pattern.putObject("detail");
        detail.putArray("event").add("referenceCreated").add("referenceUpdated").add("referenceDeleted");
        detail.putArray("referenceType").add("branch").add("tag");
        return pattern;
    }

    private static ReplicationTarget target(ReplicationTriggerSpec spec, String functionArn, String queueArn) {
        return new ReplicationTarget(TARGET_ID, functionArn, spec.maxRetryAttempts(), spec.maxEventAgeSeconds(), queueArn);
    }

    private static ReplicationTarget putTarget(EventBridgeClient events, ReplicationTriggerSpec spec, RegionContext ctx) {
        ReplicationTarget t = target(spec, ctx.requireId(spec.function()), ctx.requireId(spec.deadLetterQueue()));
        EventRules.putTarget(events, spec.name(), Target.builder().id(t.id()).arn(t.arn())
                .retryPolicy(p -> p.maximumRetryAttempts(t.maxRetryAttempts()).maximumEventAgeInSeconds(t.maxEventAgeSeconds()))
                .deadLetterConfig(d -> d.arn(t.deadLetterArn())).build());
        return t;
    }

    private static List<ReplicationTarget> targets(EventBridgeClient events, String rule) {
        return EventRules.targets(events, rule).stream().map(t -> new ReplicationTarget(t.id(), t.arn(),
                t.retryPolicy() == null ? null : t.retryPolicy().maximumRetryAttempts(),
                t.retryPolicy() == null ? null : t.retryPolicy().maximumEventAgeInSeconds(),
                t.deadLetterConfig() == null ? null : t.deadLetterConfig().arn())).toList();
    }

    private static ReplicationTriggerState state(DescribeRuleResponse rule, List<ReplicationTarget> targets,
                                                 String repositoryArn, String functionArn, String queueArn,
                                                 String wantedState) {
        return new ReplicationTriggerState(rule.name(), rule.arn(), PushPattern.parse(rule.eventPattern()),
                rule.stateAsString(), targets, repositoryArn, functionArn, queueArn, wantedState);
    }

    private static String description(RegionContext ctx) {
        return "devops-cli " + ctx.project() + ": branch and tag changes start the replication to the other regions"
                + " (enabled in the region serving production only)";
    }

    private static String wanted(String id) {
        return id == null ? TO_BE_CREATED : id;
    }

    private static EventBridgeClient events(RegionContext ctx) {
        return ctx.services(AwsClients.class).events();
    }
}
