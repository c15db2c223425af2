package io.devopscli.resources.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An owned replication rule as observed, with the parents' ARNs it should refer to (resolved by observe
 * so diff stays pure; null for a parent created later in this run) and the state it should have
 * (ENABLED in the replication source region, DISABLED elsewhere), also resolved by observe.
 */
public record ReplicationTriggerState(String name, String arn, JsonNode eventPattern, String state,
                                      List<ReplicationTarget> targets, String wantedRepositoryArn,
                                      String wantedFunctionArn, String wantedQueueArn, String wantedState) {
    public ReplicationTriggerState {
        targets = List.copyOf(targets);
    }
}
