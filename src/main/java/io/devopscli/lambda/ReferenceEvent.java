package io.devopscli.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The parts of an EventBridge "CodeCommit Repository State Change" event (source aws.codecommit) that
 * say which ref of which repository changed. commitId is absent from referenceDeleted events;
 * oldCommitId from referenceCreated ones.
 */
public record ReferenceEvent(String id, String region, String repositoryName, Kind kind, String referenceType,
                             String referenceName, String referenceFullName, String commitId, String oldCommitId) {
    public static final String DETAIL_TYPE = "CodeCommit Repository State Change";
    public static final String SOURCE = "aws.codecommit";

    /** The detail.event values this handler acts on. */
    public enum Kind {
        CREATED("referenceCreated"), UPDATED("referenceUpdated"), DELETED("referenceDeleted");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Optional<Kind> of(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Reads a reference event; empty for any other CodeCommit or EventBridge event (a comment, a pull
     * request), which is not a failure. A reference event lacking what it must carry is one.
     */
    public static Optional<ReferenceEvent> parse(JsonNode event) {
        JsonNode detail = event.path("detail");
        if (!DETAIL_TYPE.equals(event.path("detail-type").asText()) || !SOURCE.equals(event.path("source").asText())) {
            return Optional.empty();
        }
        Optional<Kind> kind = Kind.of(detail.path("event").asText());
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        ReferenceEvent e = new ReferenceEvent(text(event, "id"), required(event, "region"),
                required(detail, "repositoryName"), kind.get(), required(detail, "referenceType"),
                required(detail, "referenceName"), text(detail, "referenceFullName"), text(detail, "commitId"),
                text(detail, "oldCommitId"));
        if (kind.get() != Kind.DELETED && e.commitId() == null) {
            throw new IllegalArgumentException(kind.get().wire() + " event " + e.id() + " has no detail.commitId");
        }
        return Optional.of(e);
    }

    /** The full ref name: refs/heads/NAME for a branch, refs/tags/NAME for a tag; empty for other types. */
    public Optional<String> ref() {
        String prefix = switch (referenceType) {
            case "branch" -> "refs/heads/";
            case "tag" -> "refs/tags/";
            default -> null;
        };
        if (prefix == null) {
            return Optional.empty();
        }
        if (referenceFullName != null && !referenceFullName.equals(prefix + referenceName)) {
            throw new IllegalArgumentException("event " + id + ": referenceFullName " + referenceFullName
                    + " does not match " + referenceType + " " + referenceName);
        }
        return Optional.of(prefix + referenceName);
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("CodeCommit reference event without " + field + ": " + node);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
