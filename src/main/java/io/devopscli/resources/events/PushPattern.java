package io.devopscli.resources.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The event pattern of a push (branch created or updated) to one branch of one CodeCommit repository. */
final class PushPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushPattern() {
    }

    static JsonNode of(String repositoryArn, String branch) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add("aws.codecommit");
        pattern.putArray("detail-type").add("CodeCommit Repository State Change");
        pattern.putArray("resources").add(repositoryArn);
        ObjectNode detail = pattern.putObject("detail");
        detail.putArray("event").add("referenceCreated").add("referenceUpdated");
        detail.putArray("referenceType").add("branch");
        detail.putArray("referenceName").add(branch);
        return pattern;
    }

    /** Patterns are compared as JSON trees: EventBridge may hand them back reformatted or reordered. */
    static JsonNode parse(String pattern) {
        try {
            return pattern == null ? JSON.nullNode() : JSON.readTree(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON event pattern: " + e.getOriginalMessage(), e);
        }
    }
}
