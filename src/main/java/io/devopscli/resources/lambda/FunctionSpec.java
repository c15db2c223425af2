package io.devopscli.resources.lambda;

import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ResourceTraits;
import java.util.List;
import java.util.Map;

/**
 * A Lambda function from a zip/jar package, run as role, with failed asynchronous invocations retried
 * (maxRetryAttempts 0-2, events older than maxEventAgeSeconds dropped) and then sent to the queue
 * onFailure. Parents publish: role = role ARN, onFailure = queue ARN, logGroup = its name (created
 * first so retention applies from the first line).
 */
public record FunctionSpec(String name, String runtime, String handler, int memoryMb, int timeoutSeconds,
                           int ephemeralStorageMb, Map<String, String> environment, FunctionCode code,
                           ResourceKey role, ResourceKey onFailure, int maxRetryAttempts, int maxEventAgeSeconds,
                           ResourceKey logGroup) implements ResourceTraits {
    /** A new function becoming Active on AWS. */
    public static final double SECONDS_TO_ACTIVE = 5;

    @Override
    public double secondsToCreateOnAws() {
        return SECONDS_TO_ACTIVE;
    }

    public FunctionSpec {
        environment = Map.copyOf(environment);
    }

    public List<ResourceKey> parents() {
        return List.of(role, onFailure, logGroup);
    }
}
