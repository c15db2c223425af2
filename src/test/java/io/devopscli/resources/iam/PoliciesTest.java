package io.devopscli.resources.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PoliciesTest {

    @Test
    void trustNamesOneServiceAsASingleString() {
        assertEquals(PolicyDocuments.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""),
                PolicyDocuments.parse(Policies.trust("vpc-flow-logs.amazonaws.com")));
    }

    @Test
    void flowLogsPolicyGrantsFourActionsOnOneGroupOnly() {
        JsonNode statement = PolicyDocuments.parse(Policies.flowLogs("/devops-cli/p/flow", "eu-west-1"))
                .get("Statement").get(0);
        assertEquals("Allow", statement.get("Effect").asText());
        assertEquals("[\"logs:CreateLogStream\",\"logs:PutLogEvents\",\"logs:DescribeLogGroups\","
                + "\"logs:DescribeLogStreams\"]", statement.get("Action").toString());
        assertEquals("[\"arn:aws:logs:eu-west-1:*:log-group:/devops-cli/p/flow\","
                + "\"arn:aws:logs:eu-west-1:*:log-group:/devops-cli/p/flow:*\"]", statement.get("Resource").toString());
    }

    @Test
    void partitionFollowsTheRegion() {
        assertEquals("aws", Policies.partition("us-east-1"));
        assertEquals("aws-cn", Policies.partition("cn-north-1"));
        assertEquals("aws-us-gov", Policies.partition("us-gov-west-1"));
    }

    @Test
    void urlEncodedAndReformattedDocumentsCompareEqual() {
        String written = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::a+b/*\"}]}";
        // as IAM hands it back: keys reordered, spaces added, URL-encoded
        String returned = URLEncoder.encode("{ \"Statement\": [ { \"Resource\": \"arn:aws:s3:::a+b/*\", "
                + "\"Action\": \"s3:GetObject\", \"Effect\": \"Allow\" } ], \"Version\": \"2012-10-17\" }",
                StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals(PolicyDocuments.parse(written), PolicyDocuments.parse(returned));
    }

    @Test
    void aDifferentActionIsADifferentDocument() {
        assertNotEquals(PolicyDocuments.parse("{\"Statement\":[{\"Action\":\"a:B\"}]}"),
                PolicyDocuments.parse("{\"Statement\":[{\"Action\":\"a:C\"}]}"));
    }
}
