package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.replication.GitFixture;
import io.devopscli.replication.GitHttpServer;
import io.devopscli.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `push` end to end in-process, against real git repositories served over smart HTTP on loopback with
 * credentials checked: the emulator's CodeCommit has repository metadata but no git, so this is the most
 * real git server the tests can reach. Every region has a --git-url, so no AWS call is made (the request
 * counter proves it). The secondaries then get the same SHA through `replicate`.
 */
class PushCommandTest {
    @TempDir
    Path dir;

    private GitHttpServer git;
    private RequestCounter aws;
    private Repository primary;
    private Repository secondary;
    private Path topology;
    private Path app;

    @BeforeEach
    void start() throws Exception {
        git = GitHttpServer.start(dir.resolve("server"));
        aws = new RequestCounter();
        primary = git.create("us-east-1/demo-repo");
        secondary = git.create("us-east-2/demo-repo");
        topology = dir.resolve("topology.yaml");
        Files.writeString(topology, Files.readString(Path.of("config/topology.yaml"))
                .replace("project: logicworks-devops ", "project: demo ")
                .replace("repository: logicworks-devops-repo", "repository: demo-repo"));
        app = dir.resolve("app");
        Files.createDirectories(app.resolve("src/main"));
        Files.createDirectories(app.resolve("target/classes"));
        Files.createDirectories(app.resolve("logs"));
        Files.writeString(app.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(app.resolve("buildspec.yml"), "version: 0.2\n");
        Files.writeString(app.resolve("src/main/App.java"), "class App {}\n");
        Files.writeString(app.resolve("target/classes/App.class"), "compiled");
        Files.writeString(app.resolve("logs/today.log"), "log line");
        Files.writeString(app.resolve("secret.env"), "API_KEY=do-not-push");
        Files.writeString(app.resolve(".gitignore"), "logs/\n*.env\n");
    }

    @AfterEach
    void stop() throws Exception {
        assertEquals(0, aws.requests(), "with --git-url for every region, AWS is not called");
        aws.close();
        git.close();
    }

    private List<String> base(String command) {
        List<String> args = new ArrayList<>(List.of(command, "-c", topology.toString(), "--endpoint-url", aws.url(),
                "--cache-dir", dir.resolve("cache-" + command).toString(), "--no-color"));
        for (String region : List.of("us-east-1", "us-east-2")) {
            args.add("--git-url");
            args.add(region + "=" + git.baseUrl(region));
        }
        return args;
    }

    private Cli.Result push(String... extra) {
        List<String> args = base("push");
        args.addAll(List.of("--path", app.toString()));
        args.addAll(List.of(extra));
        return Cli.inProcess(args.toArray(String[]::new));
    }

    @Test
    void firstPushIntoAnEmptyRepositoryThenAChangeThenTheSameTreeTwice() throws Exception {
        Cli.Result first = push("--message", "First release");
        assertEquals(0, first.code(), first.toString());
        ObjectId one = GitFixture.head(primary, "main");
        assertNotNull(one, "the branch was created");
        assertTrue(first.out().contains("commit " + one.name()), first.toString());
        assertTrue(first.out().contains("the first commit"), first.toString());
        assertTrue(first.out().contains("starts pipeline demo-pipeline in us-east-1"), first.toString());
        assertTrue(first.out().contains("Replication mirrors it to us-east-2"), first.toString());
        assertFalse(first.out().contains(GitHttpServer.PASSWORD), "no password in the output");
        try (RevWalk walk = new RevWalk(primary)) {
            RevCommit c = walk.parseCommit(one);
            assertEquals(0, c.getParentCount());
            assertEquals("First release", c.getShortMessage());
        }
        assertEquals(Set.of(".gitignore", "Dockerfile", "buildspec.yml", "src/main/App.java"), files(one),
                "ignored files (logs/, *.env) and target/ are not pushed");

        Files.writeString(app.resolve("src/main/App.java"), "class App { int version = 2; }\n");
        Cli.Result second = push("-o", "json");
        assertEquals(0, second.code(), second.toString());
        JsonNode doc = new ObjectMapper().readTree(second.out());
        ObjectId two = GitFixture.head(primary, "main");
        assertNotEquals(one, two);
        assertEquals(two.name(), doc.get("commit").asText());
        assertEquals(one.name(), doc.get("parent").asText(), "one new commit on top of the branch");
        assertTrue(doc.get("created").asBoolean());
        try (RevWalk walk = new RevWalk(primary)) {
            assertEquals(one, walk.parseCommit(two).getParent(0));
        }

        Cli.Result same = push();
        assertEquals(0, same.code(), same.toString());
        assertEquals(two, GitFixture.head(primary, "main"), "the same tree twice makes no new commit");
        assertTrue(same.out().contains("no new commit"), same.toString());
        assertEquals(2, git.pushes("us-east-1/demo-repo").size(), "nothing was sent the third time");
    }

    @Test
    void theBranchOptionAndTheSecondariesGetTheSameShaThroughReplicate() throws Exception {
        assertEquals(0, push().code());
        ObjectId pushed = GitFixture.head(primary, "main");

        Cli.Result other = push("--branch", "feature");
        assertEquals(0, other.code(), other.toString());
        assertTrue(other.out().contains("is not the pipeline branch"), other.toString());
        assertEquals(pushed, GitFixture.head(primary, "main"), "--branch left the pipeline branch alone");
        assertNotNull(GitFixture.head(primary, "feature"), "--branch made the other branch");

        // --from: without it replicate reads the active region from Route 53, which this test keeps AWS-free
        List<String> replicateArgs = new ArrayList<>(base("replicate"));
        replicateArgs.addAll(List.of("--from", "us-east-1"));
        Cli.Result replicate = Cli.inProcess(replicateArgs.toArray(String[]::new));
        assertEquals(0, replicate.code(), replicate.toString());
        assertEquals(pushed, GitFixture.head(secondary, "main"), "the secondary has the pushed SHA");
        assertEquals(GitFixture.refs(primary), GitFixture.refs(secondary));
    }

    @Test
    void aPushAfterSomeoneElsesCommitsOnTopOfItAndKeepsIt() throws Exception {
        assertEquals(0, push().code());
        // a colleague pushes other content meanwhile (another directory, another cache)
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        Files.writeString(theirs.resolve("README.md"), "their change\n");
        List<String> args = base("push");
        args.set(args.indexOf("--cache-dir") + 1, dir.resolve("their-cache").toString());
        args.addAll(List.of("--path", theirs.toString()));
        assertEquals(0, Cli.inProcess(args.toArray(String[]::new)).code());
        ObjectId theirCommit = GitFixture.head(primary, "main");

        Files.writeString(app.resolve("Dockerfile"), "FROM scratch\nLABEL v=2\n");
        Cli.Result r = push();
        assertEquals(0, r.code(), r.toString());
        try (RevWalk walk = new RevWalk(primary)) {
            assertEquals(theirCommit, walk.parseCommit(GitFixture.head(primary, "main")).getParent(0),
                    "a fast-forward on top of the other commit, which is kept in history");
        }
        // the race between fetch and push (a push that would not fast-forward) is refused: SourcePushTest
    }

    @Test
    void badInputIsAUsageErrorWithoutAnyCall() {
        Cli.Result missing = Cli.inProcess("push", "-c", topology.toString(), "--endpoint-url", aws.url(),
                "--path", dir.resolve("nope").toString());
        assertEquals(64, missing.code(), missing.toString());
        assertTrue(missing.err().contains("is not a directory"), missing.toString());
        Cli.Result badBranch = push("--branch", "bad..name");
        assertEquals(64, badBranch.code(), badBranch.toString());
        assertNull(primaryHead(), "nothing pushed");
    }

    @Test
    void helpShowsTheOptionsAndExamples() {
        Cli.Result help = Cli.inProcess("push", "--help");
        assertEquals(0, help.code(), help.toString());
        assertTrue(help.out().contains("--wait"), help.toString());
        assertTrue(help.out().contains("--path"), help.toString());
        assertTrue(help.out().contains("Examples:"), help.toString());
    }

    private ObjectId primaryHead() {
        try {
            return GitFixture.head(primary, "main");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> files(ObjectId commit) throws Exception {
        Set<String> paths = new TreeSet<>();
        try (RevWalk walk = new RevWalk(primary); TreeWalk tree = new TreeWalk(primary)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
        }
        return paths;
    }
}
