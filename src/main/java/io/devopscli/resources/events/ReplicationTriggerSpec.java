package io.devopscli.resources.events;

import io.devopscli.engine.ResourceKey;
import java.util.List;

/**
 * The EventBridge rule that sends every branch and tag change (created, updated, deleted) of one
 * CodeCommit repository to a Lambda function, retrying delivery (maxRetryAttempts, maxEventAgeSeconds)
 * and then parking the event in a dead-letter queue. Parents publish: repository = repository ARN,
 * function = function ARN, deadLetterQueue = queue ARN.
 */
public record ReplicationTriggerSpec(String name, ResourceKey repository, ResourceKey function,
                                     ResourceKey deadLetterQueue, int maxRetryAttempts, int maxEventAgeSeconds) {
    public List<ResourceKey> parents() {
        return List.of(repository, function, deadLetterQueue);
    }
}
