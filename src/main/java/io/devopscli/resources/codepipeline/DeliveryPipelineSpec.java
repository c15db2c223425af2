package io.devopscli.resources.codepipeline;

import io.devopscli.engine.ResourceKey;
import java.util.Map;

/**
 * The five-stage V2 pipeline: Source (CodeCommit branch) -> Build (CodeBuild) -> DeployStaging (ECS) ->
 * Approval (manual, notifying a topic) -> DeployProduction (ECS). Parents referred to by key publish:
 * role = role ARN, artifactBucket = bucket name, buildProject = project NAME, approvalTopic = topic ARN.
 * Repository, cluster and service names are deterministic and given as plain names.
 *
 * <p>scale, when given, adds a Scale action after each ECS deploy (see FirstImage): a CodeBuild project
 * that gives a service held at zero tasks the topology's counts once its first image is deployed.
 */
public record DeliveryPipelineSpec(String name, ResourceKey role, ResourceKey artifactBucket, String repositoryName,
                                   String branch, ResourceKey buildProject, String clusterName,
                                   String stagingService, String productionService, ResourceKey approvalTopic,
                                   String approvalMessage, ScaleStep scale) {

    public DeliveryPipelineSpec(String name, ResourceKey role, ResourceKey artifactBucket, String repositoryName,
                                String branch, ResourceKey buildProject, String clusterName, String stagingService,
                                String productionService, ResourceKey approvalTopic, String approvalMessage) {
        this(name, role, artifactBucket, repositoryName, branch, buildProject, clusterName, stagingService,
                productionService, approvalTopic, approvalMessage, null);
    }

    /** The scale project's name, and per service the counts it applies: desired, min and max. */
    public record ScaleStep(String projectName, Map<String, int[]> counts) {
        public ScaleStep {
            counts = Map.copyOf(counts);
        }
    }
}
