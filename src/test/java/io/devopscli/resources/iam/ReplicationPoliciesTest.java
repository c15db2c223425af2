package io.devopscli.resources.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationPoliciesTest {

    @Test
    void theFunctionPullsFromThePrimaryPushesToTheSecondariesAndWritesOnlyItsOwnLogsAndQueue() {
        JsonNode doc = PolicyDocuments.parse(ReplicationPolicies.function("us-east-1", List.of("us-east-2", "us-west-2"),
                "repo", "/aws/lambda/p-replication", "p-replication-dlq"));
        JsonNode s = doc.path("Statement");
        assertEquals(4, s.size());
        assertEquals("[\"codecommit:GitPull\",\"codecommit:GetRepository\"]", s.get(0).path("Action").toString());
        assertEquals("[\"arn:aws:codecommit:us-east-1:*:repo\"]", s.get(0).path("Resource").toString());
        assertEquals("[\"codecommit:GitPush\",\"codecommit:GitPull\",\"codecommit:GetRepository\"]",
                s.get(1).path("Action").toString());
        assertEquals("[\"arn:aws:codecommit:us-east-2:*:repo\",\"arn:aws:codecommit:us-west-2:*:repo\"]",
                s.get(1).path("Resource").toString());
        assertEquals("[\"arn:aws:logs:us-east-1:*:log-group:/aws/lambda/p-replication:log-stream:*\"]",
                s.get(2).path("Resource").toString());
        assertEquals("[\"sqs:SendMessage\"]", s.get(3).path("Action").toString());
        assertEquals("[\"arn:aws:sqs:us-east-1:*:p-replication-dlq\"]", s.get(3).path("Resource").toString());
        // no wildcard actions anywhere
        s.forEach(st -> st.path("Action").forEach(a -> assertEquals(-1, a.asText().indexOf('*'), a.asText())));
    }

    @Test
    void theQueueAcceptsDeadLettersFromTheOneRuleOnly() {
        JsonNode st = PolicyDocuments.parse(ReplicationPolicies.deadLetterQueue("arn:aws:sqs:us-east-1:1:q",
                "arn:aws:events:us-east-1:1:rule/r")).path("Statement").get(0);
        assertEquals("events.amazonaws.com", st.path("Principal").path("Service").asText());
        assertEquals("sqs:SendMessage", st.path("Action").asText());
        assertEquals("arn:aws:sqs:us-east-1:1:q", st.path("Resource").asText());
        assertEquals("arn:aws:events:us-east-1:1:rule/r", st.path("Condition").path("ArnEquals").path("aws:SourceArn").asText());
    }
}
