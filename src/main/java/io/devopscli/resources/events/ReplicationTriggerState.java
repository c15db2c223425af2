package io.devopscli.resources.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An owned replication rule as observed, with the parents' ARNs it should refer to (resolved by observe
 * so diff stays pure; null for a parent created later in this run).
 */
public record ReplicationTriggerState(String name, String arn, JsonNode eventPattern, String state,
                                      List<ReplicationTarget> targets, String wantedRepositoryArn,
                                      String wantedFunctionArn, String wantedQueueArn) {
    public ReplicationTriggerState {
        targets = List.copyOf(targets);
    }
}
