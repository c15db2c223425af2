package io.devopscli.resources.lambda;

import java.util.Map;

/**
 * An owned function as observed. Its configuration, CodeSha256, the asynchronous invocation settings
 * (onFailure null when none), and the parents' ARNs it should refer to, resolved by observe so diff stays
 * pure (null for a parent created later in this run).
 */
public record FunctionState(String name, String arn, String runtime, String handler, int memoryMb, int timeoutSeconds,
                            int ephemeralStorageMb, Map<String, String> environment, String roleArn, String codeSha256,
                            String onFailure, Integer maxRetryAttempts, Integer maxEventAgeSeconds,
                            String wantedRoleArn, String wantedOnFailure) {
    public FunctionState {
        environment = Map.copyOf(environment);
    }

    FunctionState withWanted(String role, String onFailure) {
        return new FunctionState(name, arn, runtime, handler, memoryMb, timeoutSeconds, ephemeralStorageMb, environment,
                roleArn, codeSha256, this.onFailure, maxRetryAttempts, maxEventAgeSeconds, role, onFailure);
    }
}
