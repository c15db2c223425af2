package io.devopscli.resources.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.devopscli.resources.iam.PolicyStatements.allow;
import static io.devopscli.resources.iam.PolicyStatements.document;

import java.util.List;

/**
 * Least-privilege policies of the replication Lambda: its execution role, and the dead-letter queue's
 * resource policy. Identity policies name resources with the account as "*" (names are unique per
 * account and region, and the graph is built before the resources exist); the queue's resource policy
 * names the rule exactly, account included, so no other account's rule can write to it.
 */
public final class ReplicationPolicies {
    public static final String LAMBDA_PRINCIPAL = "lambda.amazonaws.com";
    public static final String EVENTS_PRINCIPAL = "events.amazonaws.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplicationPolicies() {
    }

    /**
     * The function's role: read the primary repository over git (GitPull) and look it up (GetRepository
     * gives the clone URL); push to each secondary's copy (GitPush, plus GitPull for the refs a push
     * advertises and GetRepository); write its own log streams; send failed events to the queue (the
     * on-failure destination).
     */
    public static String function(String primaryRegion, List<String> secondaryRegions, String repository,
                                  String logGroup, String deadLetterQueue) {
        ArrayNode statements = JSON.createArrayNode();
        statements.add(allow(List.of("codecommit:GitPull", "codecommit:GetRepository"),
                List.of(repositoryArn(primaryRegion, repository))));
        statements.add(allow(List.of("codecommit:GitPush", "codecommit:GitPull", "codecommit:GetRepository"),
                secondaryRegions.stream().map(r -> repositoryArn(r, repository)).toList()));
        String group = "arn:" + Policies.partition(primaryRegion) + ":logs:" + primaryRegion + ":*:log-group:" + logGroup;
        // the group itself is created by `up` with its retention; the function only writes to it
        statements.add(allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(group + ":log-stream:*")));
        statements.add(allow(List.of("sqs:SendMessage"), List.of("arn:" + Policies.partition(primaryRegion) + ":sqs:"
                + primaryRegion + ":*:" + deadLetterQueue)));
        return document(statements);
    }

    /** The dead-letter queue's policy: EventBridge may send to it for this one rule only. */
    public static String deadLetterQueue(String queueArn, String ruleArn) {
        ArrayNode statements = JSON.createArrayNode();
        ObjectNode statement = JSON.createObjectNode().put("Sid", "events-dead-letters").put("Effect", "Allow");
        statement.putObject("Principal").put("Service", EVENTS_PRINCIPAL);
        statement.put("Action", "sqs:SendMessage");
        statement.put("Resource", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", ruleArn);
        statements.add(statement);
        return document(statements);
    }

    private static String repositoryArn(String region, String repository) {
        return "arn:" + Policies.partition(region) + ":codecommit:" + region + ":*:" + repository;
    }
}
