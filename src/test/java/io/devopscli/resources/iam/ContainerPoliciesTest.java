package io.devopscli.resources.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerPoliciesTest {

    @Test
    void taskExecutionMayLogInPullOneRepositoryAndWriteTheAppLogs() {
        JsonNode doc = PolicyDocuments.parse(ContainerPolicies.taskExecution("eu-west-1", "p-app",
                List.of("/p/app/staging", "/p/app/production")));
        assertEquals(PolicyDocuments.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"RegistryLogin","Effect":"Allow","Action":["ecr:GetAuthorizationToken"],"Resource":"*"},
                 {"Sid":"PullAppImages","Effect":"Allow",
                  "Action":["ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"],
                  "Resource":["arn:aws:ecr:eu-west-1:*:repository/p-app"]},
                 {"Sid":"WriteAppLogs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],
                  "Resource":["arn:aws:logs:eu-west-1:*:log-group:/p/app/staging:*",
                              "arn:aws:logs:eu-west-1:*:log-group:/p/app/production:*"]}]}"""), doc);
    }

    @Test
    void taskExecutionFollowsThePartition() {
        JsonNode doc = PolicyDocuments.parse(ContainerPolicies.taskExecution("cn-north-1", "p-app", List.of("/g")));
        assertEquals("arn:aws-cn:ecr:cn-north-1:*:repository/p-app", doc.at("/Statement/1/Resource/0").asText());
    }

    @Test
    void theTaskMayOnlyPublishMetricsToItsNamespace() {
        assertEquals(PolicyDocuments.parse("""
                {"Version":"2012-10-17","Statement":[{"Sid":"OwnMetricsOnly","Effect":"Allow",
                 "Action":["cloudwatch:PutMetricData"],"Resource":"*",
                 "Condition":{"StringEquals":{"cloudwatch:namespace":"p/app"}}}]}"""),
                PolicyDocuments.parse(ContainerPolicies.task("p/app")));
    }
}
