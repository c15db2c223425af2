package io.devopscli.resources.codepipeline;

import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The V2 pipeline: Source (CodeCommit branch) -> Build (CodeBuild) -> one ECS deploy stage per
 * environment in order, the manual Approval (notifying a topic) right before the last one. With the
 * reference topology: Source, Build, DeployStaging, Approval, DeployProduction. Parents referred to by key
 * publish: role = role ARN, artifactBucket = bucket name, buildProject = project NAME, approvalTopic =
 * topic ARN. Repository, cluster and service names are deterministic and given as plain names.
 *
 * <p>scale, when given, adds a Scale action after each ECS deploy (see FirstImage): a CodeBuild project
 * that gives a service held at zero tasks the topology's counts once its first image is deployed.
 */
public record DeliveryPipelineSpec(String name, ResourceKey role, ResourceKey artifactBucket, String repositoryName,
                                   String branch, ResourceKey buildProject, String clusterName,
                                   List<Deployment> deployments, ResourceKey approvalTopic,
                                   String approvalMessage, ScaleStep scale) {
    public DeliveryPipelineSpec {
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("a delivery pipeline deploys at least one environment");
        }
        deployments = List.copyOf(deployments);
    }

    public DeliveryPipelineSpec(String name, ResourceKey role, ResourceKey artifactBucket, String repositoryName,
                                String branch, ResourceKey buildProject, String clusterName,
                                List<Deployment> deployments, ResourceKey approvalTopic, String approvalMessage) {
        this(name, role, artifactBucket, repositoryName, branch, buildProject, clusterName, deployments,
                approvalTopic, approvalMessage, null);
    }

    /** One environment's deploy stage: the ECS service the build's image goes to. */
    public record Deployment(String environment, String service) {
        /** "DeployStaging" for staging: CodePipeline stage names allow letters, digits and "-". */
        public String stageName() {
            return "Deploy" + environment.substring(0, 1).toUpperCase(Locale.ROOT) + environment.substring(1);
        }
    }

    /** The scale project's name, and per service the counts it applies: desired, min and max. */
    public record ScaleStep(String projectName, Map<String, int[]> counts) {
        public ScaleStep {
            counts = Map.copyOf(counts);
        }
    }
}
