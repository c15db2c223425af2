package io.devopscli.resources.sqs;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.RegionalArns;
import io.devopscli.resources.iam.PolicyDocuments;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A standard SQS queue, found by its name (unique per account and region) and recognised as ours by its
 * ownership tag: a same-named queue without it is never adopted or deleted. Publishes the queue's ARN,
 * which is what dead-letter settings and policies name. Retention and policy are mutable.
 */
public final class QueueReconciler implements Reconciler<QueueSpec, QueueState>, Updatable<QueueSpec, QueueState> {
    static final String RETENTION = "retentionSeconds";
    static final String POLICY = "policy";

    @Override
    public Optional<QueueState> observe(QueueSpec spec, RegionContext ctx) {
        SqsClient sqs = sqs(ctx);
        return named(ctx, spec.name()).filter(url -> isOwned(sqs, url, ctx.project()))
                .map(url -> state(sqs, spec.name(), url));
    }

    @Override
    public List<FieldChange> diff(QueueSpec spec, QueueState actual) {
        return new Diffs()
                .field(RETENTION, spec.retentionSeconds(), actual.retentionSeconds())
                .field(POLICY, spec.policy() == null ? null : PolicyDocuments.parse(spec.policy()), actual.policy())
                .toList();
    }

    /** CreateQueue answers with an existing same-named queue: the engine refuses one that is not ours. */
    @Override
    public Optional<String> foreign(QueueSpec spec, RegionContext ctx) {
        SqsClient sqs = sqs(ctx);
        return named(ctx, spec.name()).filter(url -> !isOwned(sqs, url, ctx.project()));
    }

    @Override
    public QueueState create(QueueSpec spec, RegionContext ctx) {
        SqsClient sqs = sqs(ctx);
        String url = AwsCall.call(() -> sqs.createQueue(r -> r.queueName(spec.name())
                .attributes(attributes(spec)).tags(Tags.owned(ctx.project(), spec.name())))).queueUrl();
        // CreateQueue answers with the URL only: the ARN is the one AWS derives from the name, the attributes
        // are the ones just set (a same-named queue with other attributes fails the create instead)
        return new QueueState(spec.name(), url, RegionalArns.of(ctx, "sqs", spec.name()), spec.retentionSeconds(),
                spec.policy() == null ? null : PolicyDocuments.parse(spec.policy()));
    }

    @Override
    public QueueState update(QueueSpec spec, QueueState actual, List<FieldChange> changes, RegionContext ctx) {
        SqsClient sqs = sqs(ctx);
        Map<QueueAttributeName, String> attributes = attributes(spec);
        if (spec.policy() == null) {
            attributes.put(QueueAttributeName.POLICY, ""); // an empty policy removes it
        }
        AwsCall.run(() -> sqs.setQueueAttributes(r -> r.queueUrl(actual.url()).attributes(attributes)));
        return state(sqs, spec.name(), actual.url());
    }

    @Override
    public void delete(QueueState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> sqs(ctx).deleteQueue(r -> r.queueUrl(actual.url())));
    }

    @Override
    public String id(QueueState actual) {
        return actual.arn();
    }

    private static Map<QueueAttributeName, String> attributes(QueueSpec spec) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(spec.retentionSeconds()));
        if (spec.policy() != null) {
            attributes.put(QueueAttributeName.POLICY, spec.policy());
        }
        return attributes;
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and waits read afresh. */
    private static Optional<String> named(RegionContext ctx, String name) {
        return ctx.memo("sqs/queue-url/" + name, () -> url(sqs(ctx), name));
    }

    private static Optional<String> url(SqsClient sqs, String name) {
        return AwsCall.orEmpty(() -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
    }

    private static boolean isOwned(SqsClient sqs, String url, String project) {
        return Tags.isOwned(AwsCall.orEmpty(() -> sqs.listQueueTags(r -> r.queueUrl(url)).tags()).orElse(Map.of()), project);
    }

    private static QueueState state(SqsClient sqs, String name, String url) {
        Map<String, String> a = AwsCall.call(() -> sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                        QueueAttributeName.POLICY))).attributesAsStrings();
        String policy = a.get(QueueAttributeName.POLICY.toString());
        return new QueueState(name, url, a.get(QueueAttributeName.QUEUE_ARN.toString()),
                Integer.parseInt(a.getOrDefault(QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString(), "345600")),
                policy == null || policy.isBlank() ? null : PolicyDocuments.parse(policy));
    }

    private static SqsClient sqs(RegionContext ctx) {
        return ctx.services(AwsClients.class).sqs();
    }
}
