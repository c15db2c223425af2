package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.replication.GitFixture;
import io.devopscli.replication.GitHttpServer;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status's replication lines: each other region's branches against the replication source's, with the
 * lag in commits and in time. The emulator's
 * CodeCommit holds no git data, so the repositories are real git repositories served over HTTP on
 * loopback (--git-url); the rest of status runs against the emulator.
 */
@EmulatorTest
class StatusReplicationTest {
    @TempDir
    Path dir;

    private GitHttpServer git;
    private Repository primary;
    private Path topology;

    @BeforeEach
    void start() throws Exception {
        Emulator.reset();
        git = GitHttpServer.start(dir.resolve("server"));
        primary = git.create("us-east-1/demo-repo");
        git.create("us-east-2/demo-repo");
        topology = dir.resolve("topology.yaml");
        Files.writeString(topology, Files.readString(Path.of("config/topology.yaml"))
                .replace("project: logicworks-devops ", "project: demo ")
                .replace("repository: logicworks-devops-repo", "repository: demo-repo"));
        GitFixture.commits(primary, "main", null, 12);
    }

    @AfterEach
    void stop() throws Exception {
        git.close();
    }

    private Cli.Result run(String command) {
        List<String> args = new ArrayList<>(List.of(command, "-c", topology.toString(), "--endpoint-url",
                Emulator.endpoint().toString(), "--cache-dir", dir.resolve("cache").toString(), "-o", "json"));
        for (String region : List.of("us-east-1", "us-east-2")) {
            args.add("--git-url");
            args.add(region + "=" + git.baseUrl(region));
        }
        return Cli.inProcess(args.toArray(String[]::new));
    }

    private static String replication(Cli.Result status, String check) throws Exception {
        JsonNode regions = new ObjectMapper().readTree(status.out()).get("regions");
        JsonNode secondary = StreamSupport.stream(regions.spliterator(), false)
                .filter(r -> r.get("region").asText().equals("us-east-2")).findFirst().orElseThrow();
        return StreamSupport.stream(secondary.get("live").spliterator(), false)
                .filter(c -> c.get("check").asText().equals(check)).findFirst()
                .map(c -> c.get("ok").asBoolean() + " " + c.get("detail").asText())
                .orElseThrow(() -> new AssertionError(check + " missing: " + status));
    }

    @Test
    void showsMissingThenInSyncThenBehindByNCommits() throws Exception {
        // no failover records in this emulator account: the topology's primary is the replication source
        assertTrue(replication(run("status"), "replication main").startsWith("false missing (source us-east-1 at "));

        assertEquals(0, run("replicate").code());
        ObjectId head = primary.resolve("refs/heads/main");
        assertEquals("true in sync at " + head.name().substring(0, 8), replication(run("status"), "replication main"));

        GitFixture.commits(primary, "main", head, 3);
        String behind = replication(run("status"), "replication main");
        assertFalse(behind.startsWith("true"), behind);
        assertTrue(behind.contains("behind by 3 commits (" + head.name().substring(0, 8)), behind);
        // the fixture's commits are dated November 2023: the oldest one us-east-2 lacks is days old
        assertTrue(behind.matches(".*; lag \\d+d \\(oldest missing commit\\)"), behind);
    }
}
