package io.devopscli.resources.codepipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionExecution;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineStateResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.StageExecution;
import software.amazon.awssdk.services.codepipeline.model.StageState;

@EmulatorTest
@RetryBounds(boundMillis = 5000, firstDelayMillis = 50)
class PipelineStateQueryTest {
    private final PipelineStateQuery query = new PipelineStateQuery(Duration.ofSeconds(2));

    /**
     * moto 5.2.5 has no executions and answers GetPipelineState with an HTML 500 (which the client turns
     * into NotImplementedByEndpoint, see UnimplementedAction): status says so and goes on.
     */
    @Test
    void theEmulatorCannotAnswerSoTheStateIsUnavailable() {
        Emulator.reset();
        try (AwsClients clients = Emulator.clients("us-east-1")) {
            long start = System.nanoTime();
            PipelineStatus status = query.latest(clients.codepipeline(), "natproj-pipeline");

            assertFalse(status.available());
            assertTrue(status.summary().startsWith("unavailable: GetPipelineState: NotImplementedByEndpoint: the endpoint does"
                    + " not implement GetPipelineState"), status.summary());
            assertEquals(List.of(), status.stages());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "bounded, not minutes");
        }
    }

    /** The next most real thing to AWS's answer: a scripted client returning what AWS returns mid-run. */
    @Test
    void theLatestExecutionOfEachStage() {
        Instant changed = Instant.parse("2026-01-02T03:04:05Z");
        CodePipelineClient aws = new ScriptedCodePipeline(GetPipelineStateResponse.builder().pipelineName("p").stageStates(
                stage("Source", "Succeeded", changed), stage("Build", "InProgress", changed.plusSeconds(60)),
                StageState.builder().stageName("DeployStaging").build()).build());

        PipelineStatus status = query.latest(aws, "p");

        assertTrue(status.available());
        assertEquals("Source Succeeded, Build InProgress, DeployStaging never run", status.summary());
        assertEquals(new PipelineStatus.Stage("Build", "InProgress", "exec-1", changed.plusSeconds(60)),
                status.stages().get(1));
    }

    @Test
    void aMissingPipelineIsUnavailableNotAnError() {
        CodePipelineClient aws = new ScriptedCodePipeline(null);
        assertEquals("unavailable: pipeline p does not exist", query.latest(aws, "p").summary());
    }

    /** An endpoint failing with 500s is retried within the query's short bound, then reported. */
    @Test
    void anEndpointThatKeepsFailingIsUnavailableWithinTheBound() {
        long start = System.nanoTime();
        PipelineStatus status = new PipelineStateQuery(Duration.ofMillis(300)).latest(new FailingCodePipeline(), "p");
        assertEquals("unavailable: GetPipelineState: InternalFailure: try later", status.summary());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    private static StageState stage(String name, String status, Instant changed) {
        return StageState.builder().stageName(name)
                .latestExecution(StageExecution.builder().pipelineExecutionId("exec-1").status(status).build())
                .actionStates(ActionState.builder().actionName(name)
                        .latestExecution(ActionExecution.builder().status(status).lastStatusChange(changed).build())
                        .build())
                .build();
    }

    private static final class FailingCodePipeline implements CodePipelineClient {
        @Override
        public GetPipelineStateResponse getPipelineState(GetPipelineStateRequest request) {
            throw AwsServiceException.builder().statusCode(500).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("InternalFailure").errorMessage("try later").build()).build();
        }

        @Override
        public String serviceName() {
            return "codepipeline";
        }

        @Override
        public void close() {
        }
    }

    /** Answers GetPipelineState with a fixed response, or "pipeline not found" when there is none. */
    private record ScriptedCodePipeline(GetPipelineStateResponse answer) implements CodePipelineClient {
        @Override
        public GetPipelineStateResponse getPipelineState(GetPipelineStateRequest request) {
            if (answer == null) {
                throw (PipelineNotFoundException) PipelineNotFoundException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("PipelineNotFoundException")
                                .errorMessage("no pipeline " + request.name()).build()).build();
            }
            return answer;
        }

        @Override
        public String serviceName() {
            return "codepipeline";
        }

        @Override
        public void close() {
        }
    }
}
