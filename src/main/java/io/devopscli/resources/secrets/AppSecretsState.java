package io.devopscli.resources.secrets;

import java.util.List;
import java.util.Map;

/**
 * What the region holds of the named secrets, read from their metadata only (never their values):
 * valueFrom maps a variable to the ARN ECS reads it from; missing lists "NAME (ssm:/x)" for those absent.
 */
public record AppSecretsState(Map<String, String> valueFrom, List<String> missing) {
    public AppSecretsState {
        valueFrom = Map.copyOf(valueFrom);
        missing = List.copyOf(missing);
    }
}
