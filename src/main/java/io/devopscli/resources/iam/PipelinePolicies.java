package io.devopscli.resources.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.devopscli.resources.iam.PolicyStatements.allow;
import static io.devopscli.resources.iam.PolicyStatements.document;

import java.util.List;

/**
 * Least-privilege policies of the delivery pipeline's two roles: the CodePipeline service role and the
 * role EventBridge uses to start the pipeline. Every argument is a name, not an ARN: the graph is built
 * before the resources exist, so ARNs are written here with the account as "*" (names are unique per
 * account and region, so that grants nothing more).
 */
public final class PipelinePolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelinePolicies() {
    }

    /** What the pipeline needs to run its five stages, on its own resources only. */
    public record PipelineGrants(String region, String repositoryName, String artifactBucket, String buildProject,
                                 String clusterName, List<String> serviceNames, List<String> taskRoleNames,
                                 String approvalTopic, List<String> otherProjects) {
        public PipelineGrants(String region, String repositoryName, String artifactBucket, String buildProject,
                              String clusterName, List<String> serviceNames, List<String> taskRoleNames,
                              String approvalTopic) {
            this(region, repositoryName, artifactBucket, buildProject, clusterName, serviceNames, taskRoleNames,
                    approvalTopic, List.of());
        }

        public PipelineGrants {
            otherProjects = List.copyOf(otherProjects);
            serviceNames = List.copyOf(serviceNames);
            taskRoleNames = List.copyOf(taskRoleNames);
        }
    }

    /**
     * The CodePipeline service role: read the branch and upload its archive (Source), pass artifacts
     * through the bucket, run and watch the build, deploy the two ECS services, and notify the approvers.
     */
    public static String codePipeline(PipelineGrants g) {
        String partition = Policies.partition(g.region());
        String regional = "arn:" + partition + ":%s:" + g.region() + ":*:%s";
        ArrayNode statements = JSON.createArrayNode();
        statements.add(allow(List.of("codecommit:GetBranch", "codecommit:GetCommit", "codecommit:GetRepository",
                        "codecommit:UploadArchive", "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive",
                        "codecommit:GitPull"),
                List.of(regional.formatted("codecommit", g.repositoryName()))));
        String bucket = "arn:" + partition + ":s3:::" + g.artifactBucket();
        statements.add(allow(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"), List.of(bucket + "/*")));
        statements.add(allow(List.of("s3:GetBucketVersioning", "s3:GetBucketLocation"), List.of(bucket)));
        statements.add(allow(List.of("codebuild:StartBuild", "codebuild:BatchGetBuilds"),
                java.util.stream.Stream.concat(java.util.stream.Stream.of(g.buildProject()), g.otherProjects().stream())
                        .map(p -> regional.formatted("codebuild", "project/" + p)).toList()));
        statements.add(allow(List.of("ecs:DescribeServices", "ecs:UpdateService"), g.serviceNames().stream()
                .map(s -> regional.formatted("ecs", "service/" + g.clusterName() + "/" + s)).toList()));
        // the ECS deploy action registers a new revision of the service's task definition; these two
        // actions have no resource-level permissions, so "*" is the narrowest IAM allows
        statements.add(allow(List.of("ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"), List.of("*")));
        ObjectNode passRole = allow(List.of("iam:PassRole"), g.taskRoleNames().stream()
                .map(r -> "arn:" + partition + ":iam::*:role/" + r).toList());
        passRole.putObject("Condition").putObject("StringEquals").put("iam:PassedToService", "ecs-tasks.amazonaws.com");
        statements.add(passRole);
        statements.add(allow(List.of("sns:Publish"), List.of(regional.formatted("sns", g.approvalTopic()))));
        return document(statements);
    }

    /** The EventBridge rule's role: start this one pipeline, nothing else. */
    public static String startPipeline(String region, String pipelineName) {
        String pipeline = "arn:" + Policies.partition(region) + ":codepipeline:" + region + ":*:" + pipelineName;
        ArrayNode statements = JSON.createArrayNode();
        statements.add(allow(List.of("codepipeline:StartPipelineExecution"), List.of(pipeline)));
        return document(statements);
    }
}
