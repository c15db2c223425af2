package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.replication.GitFixture;
import io.devopscli.replication.GitHttpServer;
import io.devopscli.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `push --wait` following the pipeline run of the pushed commit. The emulator (moto) cannot run
 * pipelines, so the run is played by a fake CodePipeline endpoint on loopback (FakeCodePipeline: the
 * real JSON protocol of ListPipelineExecutions and GetPipelineState, read by the real SDK client), and
 * the git side by a real git server on loopback. Against the emulator itself, --wait says pipelines are
 * unavailable there and exits 0 (FirstDeployEndToEndTest).
 */
class PushWaitTest {
    @TempDir
    Path dir;

    private GitHttpServer git;
    private Repository primary;
    private Path topology;
    private Path app;

    @BeforeEach
    void start() throws Exception {
        git = GitHttpServer.start(dir.resolve("server"));
        primary = git.create("us-east-1/demo-repo");
        git.create("us-east-2/demo-repo");
        topology = dir.resolve("topology.yaml");
        Files.writeString(topology, Files.readString(Path.of("config/topology.yaml"))
                .replace("project: logicworks-devops ", "project: demo ")
                .replace("repository: logicworks-devops-repo", "repository: demo-repo"));
        app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("Dockerfile"), "FROM scratch\n");
    }

    @AfterEach
    void stop() throws Exception {
        git.close();
    }

    private Cli.Result pushWait(FakeCodePipeline aws, String... extra) {
        List<String> args = new ArrayList<>(List.of("push", "--wait", "--poll-interval", "0.01", "-c", topology.toString(),
                "--endpoint-url", aws.url(), "--cache-dir", dir.resolve("cache").toString(), "--path", app.toString(),
                "--git-url", "us-east-1=" + git.baseUrl("us-east-1"), "--no-color"));
        args.addAll(List.of(extra));
        return Cli.inProcess(args.toArray(String[]::new));
    }

    private String head() {
        try {
            return GitFixture.head(primary, "main").name();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void followsStageByStageUntilTheApprovalWaitsThenSaysHowToApprove() throws Exception {
        String later = "," + FakeCodePipeline.notReached("DeployStaging") + "," + FakeCodePipeline.notReached("Approval")
                + "," + FakeCodePipeline.notReached("DeployProduction") + "]";
        List<String> states = List.of(
                "[" + FakeCodePipeline.stage("Source", "InProgress", "") + "," + FakeCodePipeline.notReached("Build") + later,
                "[" + FakeCodePipeline.stage("Source", "Succeeded", "") + "," + FakeCodePipeline.stage("Build", "InProgress", "") + later,
                "[" + FakeCodePipeline.stage("Source", "Succeeded", "") + "," + FakeCodePipeline.stage("Build", "Succeeded", "")
                        + "," + FakeCodePipeline.stage("DeployStaging", "Succeeded", "")
                        + "," + FakeCodePipeline.stage("Approval", "InProgress", "{\"actionName\":\"Approval\","
                        + "\"latestExecution\":{\"status\":\"InProgress\",\"token\":\"tok-123\"}}")
                        + "," + FakeCodePipeline.notReached("DeployProduction") + "]");
        try (FakeCodePipeline aws = new FakeCodePipeline(this::head, states)) {
            Cli.Result r = pushWait(aws);

            assertEquals(0, r.code(), r.toString());
            assertTrue(r.err().contains("demo-pipeline run " + FakeCodePipeline.EXECUTION + " for commit " + head().substring(0, 10)), r.toString());
            assertTrue(r.err().matches("(?s).*Source +InProgress.*Source +Succeeded.*Build +InProgress.*Build +Succeeded.*"
                    + "DeployStaging +Succeeded.*Approval +InProgress.*"), "stage by stage, in order: " + r);
            assertTrue(r.err().matches("(?s).*Build +InProgress +\\d+s.*"), "with elapsed time: " + r);
            assertTrue(!r.err().contains("DeployProduction"), "a stage our run has not reached is not reported: " + r);
            assertTrue(r.out().contains("waits for approval in stage Approval"), r.toString());
            assertTrue(r.out().contains("https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/demo-pipeline/view"), r.toString());
            assertTrue(r.out().contains("aws codepipeline put-approval-result --region us-east-1 --pipeline-name demo-pipeline "
                    + "--stage-name Approval --action-name Approval --token tok-123"), r.toString());
        }
    }

    @Test
    void aFailedStageExits1NamingIt() throws Exception {
        List<String> states = List.of("[" + FakeCodePipeline.stage("Source", "Succeeded", "") + ","
                + FakeCodePipeline.stage("Build", "Failed", "{\"actionName\":\"Build\",\"latestExecution\":{\"status\":\"Failed\","
                + "\"errorDetails\":{\"code\":\"JobFailed\",\"message\":\"Error while executing command: docker build\"}}}")
                + "," + FakeCodePipeline.notReached("DeployStaging") + "]");
        try (FakeCodePipeline aws = new FakeCodePipeline(this::head, states)) {
            Cli.Result r = pushWait(aws);

            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("failed in stage Build: Build: Error while executing command: docker build"), r.toString());
        }
    }

    @Test
    void withoutWaitThePipelineIsNotAsked() throws Exception {
        try (FakeCodePipeline aws = new FakeCodePipeline(this::head, List.of("[]"))) {
            List<String> args = new ArrayList<>(List.of("push", "-c", topology.toString(), "--endpoint-url", aws.url(),
                    "--cache-dir", dir.resolve("cache").toString(), "--path", app.toString(),
                    "--git-url", "us-east-1=" + git.baseUrl("us-east-1")));
            Cli.Result r = Cli.inProcess(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.toString());
            assertEquals(List.of(), aws.calls(), "no pipeline call without --wait");
        }
    }
}
