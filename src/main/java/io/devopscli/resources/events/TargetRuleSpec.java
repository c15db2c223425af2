package io.devopscli.resources.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.engine.ResourceKey;
import java.util.Map;
import java.util.TreeMap;

/**
 * An EventBridge rule (default bus) with one target that accepts events as itself through a resource
 * policy (a log group, an SNS topic): no role. target is the node that publishes the target; kind says
 * how its id becomes an ARN. transformer, when given, turns the event into a readable message.
 */
public record TargetRuleSpec(String name, String description, JsonNode pattern, String targetId, ResourceKey target,
                             TargetKind kind, Transformer transformer) {

    public enum TargetKind {
        /** The target publishes a log group name; EventBridge wants the group's ARN. */
        LOG_GROUP,
        /** The target publishes its ARN already (an SNS topic). */
        ARN
    }

    /** EventBridge's input transformer: JSON paths into the event, and the text made from them. */
    public record Transformer(Map<String, String> paths, String template) {
        public Transformer {
            paths = Map.copyOf(new TreeMap<>(paths));
        }

        @Override
        public String toString() {
            return new TreeMap<>(paths) + " " + template;
        }
    }
}
