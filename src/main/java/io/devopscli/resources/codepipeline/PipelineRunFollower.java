package io.devopscli.resources.codepipeline;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsErrors;
import io.devopscli.aws.AwsFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.StageState;

/**
 * Follows the pipeline run started by one commit, stage by stage, until it waits for the manual approval,
 * fails, or ends: finds the execution whose source revision is the commit (ListPipelineExecutions), then
 * reads GetPipelineState, reporting each stage's change of status with the time since following began.
 * An endpoint that cannot run pipelines (Gap.PIPELINE_EXECUTIONS: the emulator has none) ends the wait as "unavailable", not as a
 * failure: the push itself succeeded.
 */
public final class PipelineRunFollower {
    private final CodePipelineClient client;
    private final Duration interval;
    private final Duration findWithin;
    private final Duration overall;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits between reads; a test passes one that does not sleep. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public PipelineRunFollower(CodePipelineClient client, Duration interval, Duration findWithin, Duration overall,
                               Clock clock, Sleeper sleeper) {
        this.client = client;
        this.interval = interval;
        this.findWithin = findWithin;
        this.overall = overall;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public enum Ending { AWAITING_APPROVAL, SUCCEEDED, FAILED, UNAVAILABLE, TIMED_OUT }

    /**
     * How the wait ended. For AWAITING_APPROVAL: the approval's stage, action and token; for FAILED: the
     * stage that failed and why; for UNAVAILABLE or TIMED_OUT: the reason.
     */
    public record Result(Ending ending, String executionId, String stage, String action, String token, String detail) {}

    public Result follow(String pipeline, String commit, Consumer<String> progress) {
        Instant start = clock.instant();
        String executionId;
        try {
            // an endpoint that has no pipeline state (the emulator lacks GetPipelineState, and never runs a
            // pipeline) is told apart at once rather than after minutes of looking for a run
            AwsCall.call(() -> client.getPipelineState(r -> r.name(pipeline)));
        } catch (AwsFailure f) {
            return unavailable(f);
        } catch (RuntimeException e) {
            return new Result(Ending.UNAVAILABLE, null, null, null, null,
                    "this endpoint cannot run pipelines (" + oneLine(e.getMessage()) + ")");
        }
        try {
            Optional<String> found = Optional.empty();
            while (found.isEmpty()) {
                found = executionOf(pipeline, commit);
                if (found.isEmpty()) {
                    if (elapsed(start).compareTo(findWithin) > 0) {
                        return new Result(Ending.TIMED_OUT, null, null, null, null, "no run of " + pipeline
                                + " for commit " + commit + " started within " + findWithin.toSeconds() + "s");
                    }
                    sleep();
                }
            }
            executionId = found.get();
        } catch (AwsFailure f) {
            return unavailable(f);
        }
        progress.accept(String.format("%s run %s for commit %s (%s)", pipeline, executionId, shortSha(commit),
                clockText(elapsed(start))));
        Map<String, String> reported = new LinkedHashMap<>();
        while (true) {
            List<StageState> stages;
            try {
                stages = AwsCall.call(() -> client.getPipelineState(r -> r.name(pipeline))).stageStates();
            } catch (AwsFailure f) {
                return unavailable(f);
            }
            boolean allSucceeded = !stages.isEmpty();
            for (StageState stage : stages) {
                String status = statusInRun(stage, executionId);
                if (!status.equals(reported.get(stage.stageName())) && !"not started".equals(status)) {
                    reported.put(stage.stageName(), status);
                    progress.accept(String.format("  %-18s %-12s %s", stage.stageName(), status, clockText(elapsed(start))));
                }
                if ("Failed".equals(status) || "Stopped".equals(status) || "Cancelled".equals(status)) {
                    return new Result(Ending.FAILED, executionId, stage.stageName(), null, null, failure(stage));
                }
                Optional<ActionState> approval = waitingApproval(stage, status);
                if (approval.isPresent()) {
                    return new Result(Ending.AWAITING_APPROVAL, executionId, stage.stageName(),
                            approval.get().actionName(), approval.get().latestExecution().token(), null);
                }
                allSucceeded &= "Succeeded".equals(status);
            }
            if (allSucceeded) {
                return new Result(Ending.SUCCEEDED, executionId, null, null, null, null);
            }
            if (elapsed(start).compareTo(overall) > 0) {
                return new Result(Ending.TIMED_OUT, executionId, null, null, null,
                        "still running after " + overall.toMinutes() + " min; `devops-cli status` shows where it is");
            }
            sleep();
        }
    }

    /** The execution whose source revision is the commit, newest first; empty while none has started. */
    private Optional<String> executionOf(String pipeline, String commit) {
        List<PipelineExecutionSummary> runs = AwsCall.call(() -> client.listPipelineExecutions(r -> r
                .pipelineName(pipeline).maxResults(20))).pipelineExecutionSummaries();
        return runs.stream()
                .filter(run -> run.sourceRevisions().stream().anyMatch(s -> commit.equals(s.revisionId())))
                .map(PipelineExecutionSummary::pipelineExecutionId)
                .findFirst();
    }

    /** The stage's status in our run; a stage whose latest run is another one has not started ours yet. */
    static String statusInRun(StageState stage, String executionId) {
        if (stage.latestExecution() == null || !executionId.equals(stage.latestExecution().pipelineExecutionId())) {
            return "not started";
        }
        return stage.latestExecution().statusAsString();
    }

    private static Optional<ActionState> waitingApproval(StageState stage, String status) {
        if (!"InProgress".equals(status)) {
            return Optional.empty();
        }
        return stage.actionStates().stream()
                .filter(a -> a.latestExecution() != null && "InProgress".equals(a.latestExecution().statusAsString())
                        && a.latestExecution().token() != null)
                .findFirst();
    }

    private static String failure(StageState stage) {
        return stage.actionStates().stream()
                .filter(a -> a.latestExecution() != null && a.latestExecution().errorDetails() != null)
                .map(a -> a.actionName() + ": " + a.latestExecution().errorDetails().message())
                .findFirst().orElse(stage.latestExecution().statusAsString());
    }

    private static Result unavailable(AwsFailure f) {
        String reason = f.kind() == AwsErrors.Kind.NOT_FOUND ? "the pipeline does not exist (run `devops-cli up`)"
                : "this endpoint cannot run pipelines (" + oneLine(f.getMessage()) + ")";
        return new Result(Ending.UNAVAILABLE, null, null, null, null, reason);
    }

    private Duration elapsed(Instant start) {
        return Duration.between(start, clock.instant());
    }

    private void sleep() {
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following the pipeline", e);
        }
    }

    static String clockText(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : (s / 60) + "m" + String.format("%02d", s % 60) + "s";
    }

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(10, sha.length()));
    }

    private static String oneLine(String text) {
        String s = text == null ? "no reason given" : text.strip().replaceAll("\\s+", " ");
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
