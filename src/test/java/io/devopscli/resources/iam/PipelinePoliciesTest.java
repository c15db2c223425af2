package io.devopscli.resources.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinePoliciesTest {
    private static final PipelinePolicies.PipelineGrants GRANTS = new PipelinePolicies.PipelineGrants("eu-west-1",
            "p-repo", "p-artifacts-eu-west-1-123", "p-build", "p-cluster", List.of("app-staging", "app-production"),
            List.of("p-task-exec-eu-west-1", "p-task-eu-west-1"), "p-approval");

    @Test
    void codePipelineGrantsEachStageOnItsOwnResourcesOnly() {
        JsonNode statements = PolicyDocuments.parse(PipelinePolicies.codePipeline(GRANTS)).get("Statement");

        assertEquals(List.of(
                "codecommit:GetBranch codecommit:GetCommit codecommit:GetRepository codecommit:UploadArchive"
                        + " codecommit:GetUploadArchiveStatus codecommit:CancelUploadArchive codecommit:GitPull"
                        + " ON arn:aws:codecommit:eu-west-1:*:p-repo",
                "s3:GetObject s3:GetObjectVersion s3:PutObject ON arn:aws:s3:::p-artifacts-eu-west-1-123/*",
                "s3:GetBucketVersioning s3:GetBucketLocation ON arn:aws:s3:::p-artifacts-eu-west-1-123",
                "codebuild:StartBuild codebuild:BatchGetBuilds ON arn:aws:codebuild:eu-west-1:*:project/p-build",
                "ecs:DescribeServices ecs:UpdateService ON arn:aws:ecs:eu-west-1:*:service/p-cluster/app-staging"
                        + " arn:aws:ecs:eu-west-1:*:service/p-cluster/app-production",
                "ecs:RegisterTaskDefinition ecs:DescribeTaskDefinition ON *",
                "iam:PassRole ON arn:aws:iam::*:role/p-task-exec-eu-west-1 arn:aws:iam::*:role/p-task-eu-west-1",
                "sns:Publish ON arn:aws:sns:eu-west-1:*:p-approval"), summarise(statements));
        statements.forEach(s -> assertEquals("Allow", s.get("Effect").asText()));
    }

    @Test
    void passRoleIsOnlyForEcsTasks() {
        JsonNode passRole = PolicyDocuments.parse(PipelinePolicies.codePipeline(GRANTS)).get("Statement").get(6);
        assertEquals(PolicyDocuments.parse("{\"StringEquals\":{\"iam:PassedToService\":\"ecs-tasks.amazonaws.com\"}}"),
                passRole.get("Condition"));
    }

    @Test
    void theEventsRoleMayStartOnePipelineAndNothingElse() {
        assertEquals(PolicyDocuments.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["codepipeline:StartPipelineExecution"],
                 "Resource":["arn:aws:codepipeline:us-east-1:*:p-pipeline"]}]}"""),
                PolicyDocuments.parse(PipelinePolicies.startPipeline("us-east-1", "p-pipeline")));
    }

    @Test
    void arnsFollowThePartition() {
        assertEquals("arn:aws-cn:codepipeline:cn-north-1:*:p-pipeline",
                PolicyDocuments.parse(PipelinePolicies.startPipeline("cn-north-1", "p-pipeline"))
                        .get("Statement").get(0).get("Resource").get(0).asText());
    }

    private static List<String> summarise(JsonNode statements) {
        List<String> lines = new ArrayList<>();
        for (JsonNode s : statements) {
            List<String> actions = new ArrayList<>();
            s.get("Action").forEach(a -> actions.add(a.asText()));
            List<String> resources = new ArrayList<>();
            s.get("Resource").forEach(r -> resources.add(r.asText()));
            lines.add(String.join(" ", actions) + " ON " + String.join(" ", resources));
        }
        return lines;
    }
}
