package io.devopscli.resources.events;

import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import java.util.List;

/**
 * The EventBridge rule that sends every branch and tag change (created, updated, deleted) of one
 * CodeCommit repository to a Lambda function, retrying delivery (maxRetryAttempts, maxEventAgeSeconds)
 * and then parking the event in a dead-letter queue. Parents publish: repository = repository ARN,
 * function = function ARN, deadLetterQueue = queue ARN. source says, at run time, which region is the
 * replication source: the rule is ENABLED there and DISABLED in every other region.
 */
public record ReplicationTriggerSpec(String name, ResourceKey repository, ResourceKey function,
                                     ResourceKey deadLetterQueue, int maxRetryAttempts, int maxEventAgeSeconds,
                                     SourceRegion source) {
    public List<ResourceKey> parents() {
        return List.of(repository, function, deadLetterQueue);
    }

    /** Reads which region is the replication source (the one serving production), once per run and region. */
    @FunctionalInterface
    public interface SourceRegion {
        String read(RegionContext ctx);
    }
}
