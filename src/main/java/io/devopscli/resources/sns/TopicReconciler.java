package io.devopscli.resources.sns;

import io.devopscli.resources.OwnedByTag;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.RegionalArns;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Tag;

/**
 * An SNS topic, found at the ARN AWS derives from its name and recognised as ours by its ownership tag (a
 * same-named topic without it is never adopted or deleted). Publishes the topic ARN.
 *
 * <p>No topic policy is set: the default one lets principals of the owning account publish, and both
 * publishers are in this account. CodePipeline's approval action publishes with the pipeline's service
 * role (which holds sns:Publish on this topic), and CloudWatch alarms of the same account publish under
 * the default policy. A service-principal statement would only be needed for cross-account publishers or
 * for services that publish as themselves (EventBridge targets), and there is none here.
 */
public final class TopicReconciler implements Reconciler<TopicSpec, TopicState>, Updatable<TopicSpec, TopicState> {
    static final String DISPLAY_NAME = "DisplayName";

    @Override
    public Optional<TopicState> observe(TopicSpec spec, RegionContext ctx) {
        String arn = arnOf(spec, ctx);
        // ownership from one tagging query per region and run, then the attributes of ours only
        if (!OwnedByTag.owns(ctx, "sns", arn)) {
            return Optional.empty();
        }
        return observedAttributes(ctx, arn).map(a -> state(spec, arn, a));
    }

    /**
     * A topic's attributes as this run's observe read them: one GetTopicAttributes serves the topic and its
     * policy (TopicPolicyReconciler). Only for observe.
     */
    static Optional<Map<String, String>> observedAttributes(RegionContext ctx, String arn) {
        return ctx.memo("sns/attributes/" + arn, () -> attributes(sns(ctx), arn));
    }

    @Override
    public List<FieldChange> diff(TopicSpec spec, TopicState actual) {
        return new Diffs().field("displayName", spec.displayName(), actual.displayName()).toList();
    }

    /** CreateTopic is idempotent by name and would hand back someone else's topic. */
    @Override
    public Optional<String> foreign(TopicSpec spec, RegionContext ctx) {
        SnsClient sns = sns(ctx);
        String arn = arnOf(spec, ctx);
        return attributes(sns, arn).filter(a -> !isOwned(sns, arn, ctx.project())).map(a -> arn);
    }

    @Override
    public TopicState create(TopicSpec spec, RegionContext ctx) {
        SnsClient sns = sns(ctx);
        String arn = arnOf(spec, ctx);
        List<Tag> tags = Tags.owned(ctx.project(), spec.name()).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        String created = AwsCall.call(() -> sns.createTopic(r -> r.name(spec.name()).tags(tags)
                .attributes(Map.of(DISPLAY_NAME, spec.displayName())))).topicArn();
        return new TopicState(spec.name(), created, spec.displayName());
    }

    @Override
    public TopicState update(TopicSpec spec, TopicState actual, List<FieldChange> changes, RegionContext ctx) {
        AwsCall.run(() -> sns(ctx).setTopicAttributes(r -> r.topicArn(actual.arn()).attributeName(DISPLAY_NAME)
                .attributeValue(spec.displayName())));
        return new TopicState(actual.name(), actual.arn(), spec.displayName());
    }

    @Override
    public void delete(TopicState actual, RegionContext ctx) {
        // DeleteTopic also removes the topic's subscriptions, pending ones included
        AwsCall.ignoringNotFound(() -> sns(ctx).deleteTopic(r -> r.topicArn(actual.arn())));
    }

    @Override
    public String id(TopicState actual) {
        return actual.arn();
    }

    static String arnOf(TopicSpec spec, RegionContext ctx) {
        return RegionalArns.of(ctx, "sns", spec.name());
    }

    private static Optional<Map<String, String>> attributes(SnsClient sns, String arn) {
        return AwsCall.orEmpty(() -> sns.getTopicAttributes(r -> r.topicArn(arn))).map(r -> r.attributes());
    }

    private static boolean isOwned(SnsClient sns, String arn, String project) {
        Map<String, String> tags = AwsCall.orEmpty(() -> sns.listTagsForResource(r -> r.resourceArn(arn)))
                .map(r -> r.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)))
                .orElse(Map.of());
        return Tags.isOwned(tags, project);
    }

    private static TopicState state(TopicSpec spec, String arn, Map<String, String> attributes) {
        String displayName = attributes.get(DISPLAY_NAME);
        return new TopicState(spec.name(), arn, displayName == null ? "" : displayName);
    }

    private static SnsClient sns(RegionContext ctx) {
        return ctx.services(AwsClients.class).sns();
    }
}
