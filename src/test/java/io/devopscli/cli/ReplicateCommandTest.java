package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.replication.GitFixture;
import io.devopscli.replication.GitHttpServer;
import io.devopscli.testing.Cli;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `replicate` end to end in-process, against real git repositories served over HTTP on loopback with
 * credentials checked (the emulator's CodeCommit holds no git data). Every region has a --git-url and the
 * source is given with --from, so no AWS call is made (not even to read the active region from Route 53),
 * which the request counter proves. Without --from the source is read from Route 53:
 * DisasterRecoveryEndToEndTest covers that against the emulator.
 */
class ReplicateCommandTest {
    @TempDir
    Path dir;

    private GitHttpServer git;
    private RequestCounter aws;
    private Repository primary;
    private Repository east2;
    private Repository west2;
    private Path topology;

    @BeforeEach
    void start() throws Exception {
        git = GitHttpServer.start(dir.resolve("server"));
        aws = new RequestCounter();
        primary = git.create("us-east-1/demo-repo");
        east2 = git.create("us-east-2/demo-repo");
        west2 = git.create("us-west-2/demo-repo");
        topology = dir.resolve("topology.yaml");
        Files.writeString(topology, Files.readString(Path.of("config/topology.yaml"))
                .replace("project: logicworks-devops ", "project: demo ")
                .replace("repository: logicworks-devops-repo", "repository: demo-repo")
                .replace("  - {name: us-east-2, role: secondary, cidr: 10.1.0.0/16}",
                        "  - {name: us-east-2, role: secondary, cidr: 10.1.0.0/16}\n"
                                + "  - {name: us-west-2, role: secondary, cidr: 10.2.0.0/16}"));
        ObjectId main = GitFixture.commits(primary, "main", null, 40);
        GitFixture.commits(primary, "develop", main, 10);
        GitFixture.setRef(primary, "refs/tags/v1", main);
    }

    @AfterEach
    void stop() throws Exception {
        assertEquals(0, aws.requests(), "with --git-url for every region, AWS is not called");
        aws.close();
        git.close();
    }

    private Cli.Result replicate(String... extra) {
        List<String> args = new ArrayList<>(List.of("replicate", "-c", topology.toString(),
                "--endpoint-url", aws.url(), "--cache-dir", dir.resolve("cache").toString(), "--no-color"));
        if (List.of(extra).stream().noneMatch(a -> a.equals("--from"))) {
            args.addAll(List.of("--from", "us-east-1"));
        }
        for (String region : List.of("us-east-1", "us-east-2", "us-west-2")) {
            args.add("--git-url");
            args.add(region + "=" + git.baseUrl(region));
        }
        args.addAll(List.of(extra));
        return Cli.inProcess(args.toArray(String[]::new));
    }

    @Test
    void mirrorsEverythingAndSaysWhatMovedWhere() throws Exception {
        Cli.Result r = replicate();

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("us-east-1 -> us-east-2: 3 created, 0 updated, 0 deleted, 0 up to date"), r.toString());
        assertTrue(r.out().contains("us-east-1 -> us-west-2: 3 created"), r.toString());
        assertTrue(r.out().contains("+ refs/heads/develop"), r.toString());
        assertTrue(r.out().contains("Replication complete"), r.toString());
        assertFalse(r.out().contains(GitHttpServer.PASSWORD), "no password in the output");
        assertEquals(GitFixture.refs(primary), GitFixture.refs(east2));
        assertEquals(GitFixture.refs(primary), GitFixture.refs(west2));

        ObjectId before = GitFixture.head(primary, "main");
        ObjectId after = GitFixture.commits(primary, "main", null, 2);
        Cli.Result json = replicate("-o", "json");
        assertEquals(0, json.code(), json.toString());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("replicate", doc.get("command").asText());
        assertEquals("all", doc.get("mode").asText());
        assertTrue(doc.get("ok").asBoolean());
        JsonNode east = doc.get("secondaries").get(0);
        assertEquals("us-east-2", east.get("region").asText());
        JsonNode main = east.get("refs").get(1);
        assertEquals("refs/heads/main", main.get("ref").asText());
        assertEquals("updated", main.get("outcome").asText());
        assertEquals(before.name(), main.get("old").asText());
        assertEquals(after.name(), main.get("new").asText());
        assertEquals(2, main.get("commits").asInt());
        assertEquals("up-to-date", east.get("refs").get(0).get("outcome").asText());
    }

    @Test
    void fromChoosesTheSourceAndEveryOtherRegionIsATarget() throws Exception {
        assertEquals(0, replicate().code());
        ObjectId made = GitFixture.commits(east2, "main", null, 2);

        Cli.Result r = replicate("--from", "us-east-2");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("us-east-2 -> us-east-1: 0 created, 1 updated"), r.toString());
        assertTrue(r.out().contains("us-east-2 -> us-west-2: 0 created, 1 updated"), r.toString());
        assertEquals(made, GitFixture.head(primary, "main"));
        assertEquals(made, GitFixture.head(west2, "main"));

        Cli.Result unknown = replicate("--from", "eu-west-9");
        assertEquals(64, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("--from eu-west-9 is not a region of this run"), unknown.toString());
    }

    @Test
    void anUnreachableSecondaryExits1AfterMirroringTheOthers() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Result r = replicate("--git-url", "us-west-2=http://u:p@127.0.0.1:" + closed + "/gone");

        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("us-east-1 -> us-west-2: unreachable: "), r.toString());
        assertTrue(r.out().contains("Replication incomplete"), r.toString());
        assertEquals(GitFixture.refs(primary), GitFixture.refs(east2), "the reachable secondary was mirrored");
    }

    @Test
    void aDivergedSecondaryExits1AndForceReplacesIt() throws Exception {
        assertEquals(0, replicate().code());
        GitFixture.commit(west2, "main", null, "local.txt", "made on the secondary");
        GitFixture.commits(primary, "main", null, 1);

        Cli.Result refused = replicate();
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.out().matches("(?s).*! refs/heads/main +diverged, left alone.*"), refused.toString());
        assertTrue(refused.out().contains("us-east-1 -> us-east-2: 0 created, 1 updated"), "the other went on: " + refused);

        Cli.Result forced = replicate("--force");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(forced.out().contains("forced"), forced.toString());
        assertEquals(GitFixture.head(primary, "main"), GitFixture.head(west2, "main"));
    }

    @Test
    void commitMovesTheTopologyBranchOrTheGivenOne() throws Exception {
        ObjectId target = GitFixture.head(primary, "main");
        GitFixture.commits(primary, "main", null, 3);

        Cli.Result r = replicate("--commit", target.name());
        assertEquals(0, r.code(), r.toString());
        assertEquals(target, GitFixture.head(east2, "main"));
        assertEquals(1, GitFixture.refs(east2).size(), "only the pipeline branch");

        Cli.Result other = replicate("--commit", target.name().substring(0, 8), "--branch", "release");
        assertEquals(0, other.code(), other.toString());
        assertEquals(target, GitFixture.head(west2, "release"));

        Cli.Result missing = replicate("--commit", "0123456789abcdef0123456789abcdef01234567");
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().contains("is not in the primary repository"), missing.toString());
    }
}
