package io.devopscli.resources.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.AccountId;
import io.devopscli.resources.RegionalArns;
import io.devopscli.resources.iam.PolicyDocuments;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The Policy attribute of a topic of ours: a topic always has one, so this node exists exactly when the
 * topic does (observe reads it from the topic the parent found through our tags). Create and update set
 * it; delete puts back the default policy AWS gives a new topic, which is what was there before.
 */
public final class TopicPolicyReconciler implements Reconciler<TopicPolicySpec, TopicPolicyState>,
        Updatable<TopicPolicySpec, TopicPolicyState> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OWNER_ACTIONS = List.of("SNS:GetTopicAttributes", "SNS:SetTopicAttributes",
            "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
            "SNS:ListSubscriptionsByTopic", "SNS:Publish");

    @Override
    public Optional<TopicPolicyState> observe(TopicPolicySpec spec, RegionContext ctx) {
        // the attributes the topic's own observe read (one GetTopicAttributes for both)
        return ctx.idOf(spec.topic()).flatMap(arn -> TopicReconciler.observedAttributes(ctx, arn)
                .map(a -> new TopicPolicyState(arn, PolicyDocuments.parse(a.getOrDefault("Policy", "{}")),
                        AccountId.of(ctx))));
    }

    @Override
    public List<FieldChange> diff(TopicPolicySpec spec, TopicPolicyState actual) {
        return new Diffs().field("policy", wanted(actual.topicArn(), actual.account(), ruleArns(spec, actual)),
                actual.policy()).toList();
    }

    @Override
    public TopicPolicyState create(TopicPolicySpec spec, RegionContext ctx) {
        String arn = ctx.requireId(spec.topic());
        String account = AccountId.of(ctx);
        JsonNode policy = wanted(arn, account, spec.eventRuleNames().stream()
                .map(n -> RegionalArns.of(ctx, "events", "rule/" + n)).toList());
        set(ctx, arn, policy);
        return new TopicPolicyState(arn, policy, account);
    }

    @Override
    public TopicPolicyState update(TopicPolicySpec spec, TopicPolicyState actual, List<FieldChange> changes,
                                   RegionContext ctx) {
        return create(spec, ctx);
    }

    @Override
    public void delete(TopicPolicyState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> sns(ctx).setTopicAttributes(r -> r.topicArn(actual.topicArn())
                .attributeName("Policy").attributeValue(wanted(actual.topicArn(), actual.account(), List.of()).toString())));
    }

    @Override
    public String id(TopicPolicyState actual) {
        return actual.topicArn();
    }

    private static List<String> ruleArns(TopicPolicySpec spec, TopicPolicyState actual) {
        // arn:partition:sns:region:account:name -> the same partition, region and account for the rules
        String[] parts = actual.topicArn().split(":");
        return spec.eventRuleNames().stream()
                .map(n -> "arn:" + parts[1] + ":events:" + parts[3] + ":" + parts[4] + ":rule/" + n).toList();
    }

    /** AWS's default statement for a new topic, plus EventBridge publishing for the given rules only. */
    static JsonNode wanted(String topicArn, String account, List<String> ruleArns) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2008-10-17").put("Id", "__default_policy_ID");
        ArrayNode statements = doc.putArray("Statement");
        ObjectNode owner = statements.addObject().put("Sid", "__default_statement_ID").put("Effect", "Allow");
        owner.putObject("Principal").put("AWS", "*");
        ArrayNode actions = owner.putArray("Action");
        OWNER_ACTIONS.forEach(actions::add);
        owner.put("Resource", topicArn);
        owner.putObject("Condition").putObject("StringEquals").put("AWS:SourceOwner", account);
        if (!ruleArns.isEmpty()) {
            ObjectNode events = statements.addObject().put("Sid", "PipelineEventsFromEventBridge").put("Effect", "Allow");
            events.putObject("Principal").put("Service", "events.amazonaws.com");
            events.put("Action", "sns:Publish");
            events.put("Resource", topicArn);
            ObjectNode arnEquals = events.putObject("Condition").putObject("ArnEquals");
            if (ruleArns.size() == 1) {
                arnEquals.put("aws:SourceArn", ruleArns.get(0)); // the form AWS gives back for one value
            } else {
                ruleArns.forEach(arnEquals.putArray("aws:SourceArn")::add);
            }
        }
        return doc;
    }

    private static void set(RegionContext ctx, String arn, JsonNode policy) {
        AwsCall.run(() -> sns(ctx).setTopicAttributes(r -> r.topicArn(arn).attributeName("Policy")
                .attributeValue(policy.toString())));
    }

    private static SnsClient sns(RegionContext ctx) {
        return ctx.services(AwsClients.class).sns();
    }
}
