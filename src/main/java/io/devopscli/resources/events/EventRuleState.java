package io.devopscli.resources.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An owned rule as observed, with the parents' ids it should refer to (resolved by observe, so diff
 * stays pure; null for a parent created later in this run).
 */
public record EventRuleState(String name, String arn, JsonNode eventPattern, String state, List<RuleTarget> targets,
                        String wantedRepositoryArn, String wantedPipelineArn, String wantedRoleArn) {
    public EventRuleState {
        targets = List.copyOf(targets);
    }
}
