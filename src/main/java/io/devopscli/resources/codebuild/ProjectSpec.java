package io.devopscli.resources.codebuild;

import io.devopscli.engine.ResourceKey;
import java.util.Map;

/**
 * A CodeBuild project fed by CodePipeline (source and artifacts CODEPIPELINE) on a Linux container.
 * environmentVariables are the spec's plain-text variables (IMAGE_REPO_NAME, CONTAINER_NAME); the
 * reconciler adds AWS_ACCOUNT_ID, which only STS knows. serviceRole is an iam/role key (its id is the
 * ARN), logGroup a logs/log-group key (its id is the group name).
 */
public record ProjectSpec(String name, String buildspec, String image, String computeType, boolean privilegedMode,
                          Map<String, String> environmentVariables, ResourceKey serviceRole, ResourceKey logGroup) {
    public ProjectSpec {
        environmentVariables = Map.copyOf(environmentVariables);
    }
}
