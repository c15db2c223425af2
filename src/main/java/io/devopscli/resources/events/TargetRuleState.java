package io.devopscli.resources.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An owned rule as observed; targets rendered as "id -> arn [transformer]" so diff compares text.
 * wantedTargetArn is the ARN the spec's target has now (null when it is created later in the run).
 */
public record TargetRuleState(String name, String arn, JsonNode pattern, String state, List<String> targets,
                              String wantedTargetArn) {
    public TargetRuleState {
        targets = List.copyOf(targets);
    }
}
