package io.devopscli.resources.codepipeline;

import io.devopscli.engine.ResourceKey;

/**
 * The five-stage V2 pipeline: Source (CodeCommit branch) -> Build (CodeBuild) -> DeployStaging (ECS) ->
 * Approval (manual, notifying a topic) -> DeployProduction (ECS). Parents referred to by key publish:
 * role = role ARN, artifactBucket = bucket name, buildProject = project NAME, approvalTopic = topic ARN.
 * Repository, cluster and service names are deterministic and given as plain names.
 */
public record DeliveryPipelineSpec(String name, ResourceKey role, ResourceKey artifactBucket, String repositoryName,
                                   String branch, ResourceKey buildProject, String clusterName,
                                   String stagingService, String productionService, ResourceKey approvalTopic,
                                   String approvalMessage) {}
