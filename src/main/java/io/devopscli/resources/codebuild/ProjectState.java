package io.devopscli.resources.codebuild;

import java.util.Map;

/**
 * An owned project as observed (logGroup null when CloudWatch logging is off), plus what observe resolved
 * of the desired state from the run: the parents' published ids (null for a parent not created yet) and
 * the account id. Keeping both here lets diff stay pure.
 */
public record ProjectState(String name, String arn, String sourceType, String artifactsType, String buildspec,
                           String image, String computeType, boolean privilegedMode, Map<String, String> environmentVariables,
                           String serviceRole, String logGroup,
                           String wantedServiceRole, String wantedLogGroup, String wantedAccountId) {
    public ProjectState {
        environmentVariables = Map.copyOf(environmentVariables);
    }
}
