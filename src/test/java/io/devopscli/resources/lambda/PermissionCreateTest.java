package io.devopscli.resources.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import io.devopscli.engine.Progress;
import io.devopscli.engine.PublishedIds;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import io.devopscli.testing.LoopbackEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A permission's create looks for a statement of its id (an interrupted run's), keeps it when it is the one
 * wanted and replaces it otherwise, and takes AddPermission's answer as its state (no read-back). A scripted
 * loopback endpoint plays Lambda and records the calls, so the count of each is exact.
 */
class PermissionCreateTest {
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:p-replication";
    private static final String RULE = "arn:aws:events:us-east-1:123456789012:rule/p-replication";
    private static final ResourceKey FUNCTION_KEY = new ResourceKey("us-east-1", "lambda/function", "replication");
    private static final PermissionSpec SPEC = new PermissionSpec(FUNCTION_KEY, "events-p-replication",
            "events.amazonaws.com", "lambda:InvokeFunction", RULE);

    @Test
    void aNewPermissionIsOneAddWhoseAnswerIsItsState() {
        assertEquals(List.of("GET policy", "POST policy"), callsToCreate(null));
    }

    @Test
    void aStatementOfItsIdThatAppearedMeanwhileIsKeptWhenItIsTheOneWanted() {
        assertEquals(List.of("GET policy"), callsToCreate(RULE));
    }

    @Test
    void aStatementOfItsIdThatAppearedMeanwhileIsReplacedWhenItDiffers() {
        assertEquals(List.of("GET policy", "DELETE events-p-replication", "POST policy"),
                callsToCreate(RULE + "-other"));
    }

    /** The calls a create makes where a statement of the id with that source is present (null: none). */
    private static List<String> callsToCreate(String presentSource) {
        try (LoopbackEndpoint lambda = new LoopbackEndpoint(r -> {
            if (r.method().equals("POST")) {
                return new LoopbackEndpoint.Answer(201, "application/json", "{\"Statement\":" + quoted(statement(RULE)) + "}");
            }
            if (r.method().equals("GET")) {
                return presentSource == null ? new LoopbackEndpoint.Answer(404, "application/json",
                        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"The resource you requested does not exist.\"}")
                        : new LoopbackEndpoint.Answer(200, "application/json", "{\"Policy\":" + quoted(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement(presentSource) + "]}") + ",\"RevisionId\":\"1\"}");
            }
            return new LoopbackEndpoint.Answer(204, "application/json", "");
        });
             AwsClients clients = new AwsClients("us-east-1", ClientSettings.resolve(lambda.url().toString(), null))) {
            RegionContext ctx = new RegionContext("us-east-1", "p", clients, Progress.SILENT);
            PublishedIds.publish(ctx, FUNCTION_KEY, FUNCTION);
            PermissionState made = new PermissionReconciler().create(SPEC, ctx);
            assertEquals(RULE, made.sourceArn());
            assertEquals("events.amazonaws.com", made.principal());
            return lambda.requests().stream()
                    .map(r -> r.method() + " " + r.path().substring(r.path().lastIndexOf('/') + 1)).toList();
        }
    }

    private static String statement(String source) {
        return "{\"Sid\":\"events-p-replication\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},"
                + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + FUNCTION + "\","
                + "\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"" + source + "\"}}}";
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
