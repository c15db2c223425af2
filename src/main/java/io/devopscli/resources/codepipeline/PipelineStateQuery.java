package io.devopscli.resources.codepipeline;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsErrors;
import io.devopscli.aws.AwsFailure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateResponse;
import software.amazon.awssdk.services.codepipeline.model.StageState;

/**
 * Read-only: the latest status of each stage (GetPipelineState), for `status`. An endpoint that cannot
 * answer, or a missing pipeline, gives "unavailable: <reason>" instead of an exception, after a short
 * bound rather than the minutes a reconciler may wait. The emulator has no executions and lacks GetPipelineState:
 * its HTML 500 arrives as NotImplementedByEndpoint (UnimplementedAction), a bare 500 elsewhere.
 */
public final class PipelineStateQuery {
    private final Duration bound;

    public PipelineStateQuery() {
        this(Duration.ofSeconds(15));
    }

    public PipelineStateQuery(Duration bound) {
        this.bound = bound;
    }

    public PipelineStatus latest(CodePipelineClient client, String pipelineName) {
        try {
            GetPipelineStateResponse state = AwsCall.within(bound, () -> client.getPipelineState(r -> r.name(pipelineName)));
            return PipelineStatus.of(pipelineName, state.stageStates().stream().map(PipelineStateQuery::stage).toList());
        } catch (AwsFailure f) {
            if (f.kind() == AwsErrors.Kind.NOT_FOUND) {
                return PipelineStatus.unavailable(pipelineName, "pipeline " + pipelineName + " does not exist");
            }
            return PipelineStatus.unavailable(pipelineName, "GetPipelineState: " + oneLine(f.getMessage()));
        } catch (RuntimeException e) {
            // an answer the SDK cannot read at all (HTML instead of JSON) is "unavailable" too
            return PipelineStatus.unavailable(pipelineName, "GetPipelineState: " + oneLine(AwsErrors.reason(e)));
        }
    }

    private static PipelineStatus.Stage stage(StageState s) {
        if (s.latestExecution() == null) {
            return new PipelineStatus.Stage(s.stageName(), "never run", null, null);
        }
        List<ActionState> actions = s.actionStates();
        var lastChanged = actions.stream().filter(a -> a.latestExecution() != null)
                .map(a -> a.latestExecution().lastStatusChange()).filter(Objects::nonNull)
                .max(java.util.Comparator.naturalOrder()).orElse(null);
        return new PipelineStatus.Stage(s.stageName(), s.latestExecution().statusAsString(),
                s.latestExecution().pipelineExecutionId(), lastChanged);
    }

    private static String oneLine(String text) {
        // a failure without an error code reads ": Service returned HTTP status code 500 ..."
        String s = text == null ? "no reason given" : text.strip().replaceAll("\\s+", " ").replaceFirst("^:\\s*", "");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
