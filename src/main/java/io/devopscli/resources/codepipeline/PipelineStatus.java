package io.devopscli.resources.codepipeline;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The latest execution status of each stage of a pipeline, or why it could not be read
 * ("unavailable: ..."), which status prints instead of failing.
 */
public record PipelineStatus(String pipeline, List<Stage> stages, String unavailableReason) {
    public PipelineStatus {
        stages = List.copyOf(stages);
    }

    /** One stage's latest execution; status is "never run" when it has none. */
    public record Stage(String name, String status, String executionId, Instant lastChanged) {}

    public static PipelineStatus of(String pipeline, List<Stage> stages) {
        return new PipelineStatus(pipeline, stages, null);
    }

    public static PipelineStatus unavailable(String pipeline, String reason) {
        return new PipelineStatus(pipeline, List.of(), reason);
    }

    public boolean available() {
        return unavailableReason == null;
    }

    /** "Source Succeeded, Build InProgress, ..." or "unavailable: <reason>". */
    public String summary() {
        if (!available()) {
            return "unavailable: " + unavailableReason;
        }
        return stages.stream().map(s -> s.name() + " " + s.status()).collect(Collectors.joining(", "));
    }
}
