package io.devopscli.resources.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ECR lifecycle policies as JSON trees: ECR may hand the text back reformatted, so policies are compared
 * as trees (key order and whitespace do not matter), never as strings.
 */
public final class LifecyclePolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LifecyclePolicies() {
    }

    /** One rule: expire every image beyond the newest n, tagged or not. */
    public static JsonNode keepLast(int n) {
        ObjectNode rule = JSON.createObjectNode().put("rulePriority", 1)
                .put("description", "keep the last " + n + " images");
        rule.putObject("selection").put("tagStatus", "any").put("countType", "imageCountMoreThan").put("countNumber", n);
        rule.putObject("action").put("type", "expire");
        ObjectNode policy = JSON.createObjectNode();
        policy.putArray("rules").add(rule);
        return policy;
    }

    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON lifecycle policy: " + e.getOriginalMessage(), e);
        }
    }
}
