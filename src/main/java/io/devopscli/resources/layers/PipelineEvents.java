package io.devopscli.resources.layers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.events.TargetRuleReconciler;
import io.devopscli.resources.events.TargetRuleSpec;
import io.devopscli.resources.logs.LogGroupReconciler;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.resources.logs.LogGroupSpec;
import io.devopscli.resources.logs.ResourcePolicyReconciler;
import io.devopscli.resources.logs.ResourcePolicySpec;
import io.devopscli.resources.sns.TopicPolicyReconciler;
import io.devopscli.resources.sns.TopicPolicySpec;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's events, per region (the monitoring flow of the reference architecture): every change of
 * state of a pipeline execution or stage goes to a log group with retention, and a failed execution
 * notifies the alarms topic with a readable message. EventBridge writes to the log group and publishes to
 * the topic as itself, so the group gets a logs resource policy and the topic a policy statement for
 * exactly that rule.
 */
final class PipelineEvents {
    static final int RETENTION_DAYS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineEvents() {
    }

    /** Keys: "events/rule pipeline-events" and "events/rule pipeline-failed". */
    static void addTo(RegionGraph g, ResourceNames names, ResourceKey pipeline, ResourceKey alarmsTopic) {
        String region = g.region();
        String pipelineName = names.pipeline();
        ResourceKey logGroup = g.add(new ResourceKey(region, "logs/log-group", "pipeline-events"), new LogGroupReconciler(),
                new LogGroupSpec(names.pipelineEventsLogGroup(), RETENTION_DAYS));
        ResourceKey policy = g.add(new ResourceKey(region, "logs/resource-policy", "pipeline-events"),
                new ResourcePolicyReconciler(), new ResourcePolicySpec(names.pipelineEventsPolicy(), logGroup),
                logGroup);
        TargetRuleReconciler rules = new TargetRuleReconciler();
        g.add(new ResourceKey(region, "events/rule", "pipeline-events"), rules, new TargetRuleSpec(
                names.pipelineEventsRule(), "pipeline execution and stage state changes to CloudWatch Logs",
                pattern(pipelineName, false), "log-group", logGroup, TargetRuleSpec.TargetKind.LOG_GROUP, null),
                logGroup, policy, pipeline);

        String failedRule = names.pipelineFailedRule();
        ResourceKey topicPolicy = g.add(new ResourceKey(region, "sns/topic-policy", "alarms"), new TopicPolicyReconciler(),
                new TopicPolicySpec(alarmsTopic, List.of(failedRule)), alarmsTopic);
        g.add(new ResourceKey(region, "events/rule", "pipeline-failed"), rules, new TargetRuleSpec(failedRule,
                "a failed pipeline execution notifies the alarms topic", pattern(pipelineName, true), "alarms-topic",
                alarmsTopic, TargetRuleSpec.TargetKind.ARN, failureMessage()), alarmsTopic, topicPolicy, pipeline);
    }

    /** Execution and stage state changes of this pipeline; only failed executions when failedOnly. */
    static ObjectNode pattern(String pipelineName, boolean failedOnly) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add("aws.codepipeline");
        var types = pattern.putArray("detail-type").add("CodePipeline Pipeline Execution State Change");
        if (!failedOnly) {
            types.add("CodePipeline Stage Execution State Change");
        }
        ObjectNode detail = pattern.putObject("detail");
        detail.putArray("pipeline").add(pipelineName);
        if (failedOnly) {
            detail.putArray("state").add("FAILED");
        }
        return pattern;
    }

    /** One sentence an on-call reader understands in an email, with the link to the failed run. */
    static TargetRuleSpec.Transformer failureMessage() {
        return new TargetRuleSpec.Transformer(Map.of("pipeline", "$.detail.pipeline", "execution", "$.detail.execution-id",
                "region", "$.region", "time", "$.time"),
                "\"Pipeline <pipeline> FAILED in <region> at <time> (execution <execution>). Which stage and why: "
                        + "https://<region>.console.aws.amazon.com/codesuite/codepipeline/pipelines/<pipeline>/executions/"
                        + "<execution>/timeline?region=<region>\"");
    }
}
