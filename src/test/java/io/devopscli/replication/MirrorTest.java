package io.devopscli.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * The mirror against real git repositories served over smart HTTP on loopback with credentials checked
 * (see GitHttpServer: the emulator's CodeCommit holds no git data, so this is the next most real thing).
 */
class MirrorTest {
    private static final String REPO = "app-repo";

    @TempDir
    Path dir;

    private GitHttpServer server;
    private Repository primary;
    private Repository east2;
    private Repository west2;
    private Mirror mirror;

    @BeforeEach
    void start() throws Exception {
        server = GitHttpServer.start(dir.resolve("server"));
        primary = server.create("us-east-1/" + REPO);
        east2 = server.create("us-east-2/" + REPO);
        west2 = server.create("us-west-2/" + REPO);
        mirror = Mirror.open(dir.resolve("cache"), MirrorOptions.defaults().withTimeout(Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() throws Exception {
        mirror.close();
        server.close();
    }

    private RepositoryEndpoints endpoints(Map<String, URI> overrides) {
        return new RepositoryEndpoints(region -> {
            throw new AssertionError("with a base URL override, CodeCommit is not asked");
        }, AnonymousCredentialsProvider.create(), Clock.systemUTC(), overrides);
    }

    private RepositoryEndpoint endpoint(String region) {
        return endpoints(Map.of(region, server.baseUrl(region))).resolve(region, REPO);
    }

    private List<RepositoryEndpoint> secondaries() {
        return List.of(endpoint("us-east-2"), endpoint("us-west-2"));
    }

    private MirrorReport mirrorAll() {
        return mirror.mirrorAll(endpoint("us-east-1"), secondaries());
    }

    private static RefResult ref(SecondaryResult s, String name) {
        return s.refs().stream().filter(r -> r.ref().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + s));
    }

    /** A primary with 300 commits over four branches and three tags (one annotated). */
    private void history() throws Exception {
        ObjectId main = GitFixture.commits(primary, "main", null, 150);
        GitFixture.commits(primary, "develop", main, 60);
        GitFixture.commits(primary, "feature/login", main, 50);
        ObjectId hotfix = GitFixture.commits(primary, "hotfix", main, 40);
        GitFixture.setRef(primary, "refs/tags/v1.0", main);
        GitFixture.setRef(primary, "refs/tags/v1.1", hotfix);
        GitFixture.annotatedTag(primary, "v2.0-rc1", GitFixture.head(primary, "develop"));
    }

    @Test
    void mirrorsEveryBranchAndTagWithIdenticalShas() throws Exception {
        history();
        assertEquals(300, GitFixture.commitCount(primary));

        MirrorReport report = mirrorAll();

        assertTrue(report.ok(), report.toString());
        assertEquals(2, report.secondaries().size());
        for (SecondaryResult s : report.secondaries()) {
            assertEquals(7, s.count(RefOutcome.CREATED), s.toString());
        }
        assertEquals(GitFixture.refs(primary), GitFixture.refs(east2));
        assertEquals(GitFixture.refs(primary), GitFixture.refs(west2));
        assertEquals(300, GitFixture.commitCount(east2));
        // the annotated tag arrived as the same tag object, not re-created
        assertEquals(primary.exactRef("refs/tags/v2.0-rc1").getObjectId(), east2.exactRef("refs/tags/v2.0-rc1").getObjectId());
        // and a second run has nothing to do
        MirrorReport again = mirrorAll();
        assertTrue(again.ok());
        again.secondaries().forEach(s -> assertEquals(7, s.count(RefOutcome.UP_TO_DATE), s.toString()));
        assertEquals(1, server.pushes("us-east-2/" + REPO).size(), "nothing pushed when up to date");
    }

    @Test
    void incrementalPushSendsOnlyTheNewObjects() throws Exception {
        history();
        mirrorAll();
        ObjectId before = GitFixture.head(primary, "main");
        ObjectId after = GitFixture.commits(primary, "main", null, 3);
        long expected = GitFixture.newObjects(primary, after, before);
        assertEquals(9, expected, "3 commits, each with one tree and one new blob");

        MirrorReport report = mirrorAll();

        assertTrue(report.ok(), report.toString());
        for (SecondaryResult s : report.secondaries()) {
            RefResult main = ref(s, "refs/heads/main");
            assertEquals(RefOutcome.UPDATED, main.outcome());
            assertEquals(before.name(), main.oldId());
            assertEquals(after.name(), main.newId());
            assertEquals(3, main.commits());
            assertEquals(6, s.count(RefOutcome.UP_TO_DATE));
        }
        List<Long> pushes = server.pushes("us-east-2/" + REPO);
        assertEquals(2, pushes.size());
        assertTrue(pushes.get(0) > 600, "the first push carries the history: " + pushes);
        assertEquals(expected, pushes.get(1), "the incremental push carries exactly the new objects");
        assertEquals(expected, server.pushes("us-west-2/" + REPO).get(1));
        assertEquals(after, GitFixture.head(east2, "main"));
    }

    @Test
    void divergedSecondaryIsRefusedWithoutForceAndReplacedWithIt() throws Exception {
        history();
        mirrorAll();
        ObjectId foreign = GitFixture.commit(east2, "main", null, "hand-made.txt", "pushed straight to the secondary");
        ObjectId primaryMain = GitFixture.commits(primary, "main", null, 2);
        ObjectId develop = GitFixture.commits(primary, "develop", null, 1);

        MirrorReport refused = mirrorAll();

        assertFalse(refused.ok());
        SecondaryResult east = refused.secondaries().get(0);
        RefResult main = ref(east, "refs/heads/main");
        assertEquals(RefOutcome.DIVERGED, main.outcome(), main.toString());
        assertTrue(main.detail().contains("--force"), main.detail());
        assertEquals(foreign, GitFixture.head(east2, "main"), "left alone");
        assertEquals(develop, GitFixture.head(east2, "develop"), "the other branches still moved");
        assertTrue(refused.secondaries().get(1).ok(), "the other secondary is unaffected");
        assertEquals(primaryMain, GitFixture.head(west2, "main"));

        Mirror forced = Mirror.open(dir.resolve("cache"), MirrorOptions.defaults().withForce(true));
        MirrorReport report = forced.mirrorAll(endpoint("us-east-1"), secondaries());
        forced.close();

        assertTrue(report.ok(), report.toString());
        RefResult replaced = ref(report.secondaries().get(0), "refs/heads/main");
        assertEquals(RefOutcome.UPDATED, replaced.outcome());
        assertTrue(replaced.forced());
        assertEquals(primaryMain, GitFixture.head(east2, "main"));
    }

    @Test
    void branchAndTagDeletionsAreMirroredAndOtherRefsKept() throws Exception {
        history();
        mirrorAll();
        GitFixture.setRef(east2, "refs/notes/commits", GitFixture.head(east2, "main"));
        GitFixture.deleteRef(primary, "refs/heads/feature/login");
        GitFixture.deleteRef(primary, "refs/tags/v1.0");
        ObjectId release = GitFixture.commits(primary, "release/1.2", GitFixture.head(primary, "main"), 1);

        MirrorReport report = mirrorAll();

        assertTrue(report.ok(), report.toString());
        SecondaryResult east = report.secondaries().get(0);
        assertEquals(RefOutcome.DELETED, ref(east, "refs/heads/feature/login").outcome());
        assertEquals(RefOutcome.DELETED, ref(east, "refs/tags/v1.0").outcome());
        assertEquals(RefOutcome.CREATED, ref(east, "refs/heads/release/1.2").outcome());
        assertEquals(GitFixture.refs(primary), GitFixture.refs(east2));
        assertEquals(release, GitFixture.head(east2, "release/1.2"));
        assertNotNull(east2.exactRef("refs/notes/commits"), "only refs/heads and refs/tags are mirrored");
    }

    @Test
    void aMovedTagIsRefusedWithoutForce() throws Exception {
        history();
        mirrorAll();
        GitFixture.setRef(primary, "refs/tags/v1.0", GitFixture.head(primary, "develop"));

        MirrorReport report = mirrorAll();

        RefResult tag = ref(report.secondaries().get(0), "refs/tags/v1.0");
        assertEquals(RefOutcome.DIVERGED, tag.outcome());
        assertNotEquals(GitFixture.refs(primary).get("refs/tags/v1.0"), GitFixture.refs(east2).get("refs/tags/v1.0"));
    }

    @Test
    void commitModeMovesTheBranchToExactlyThatCommit() throws Exception {
        ObjectId c10 = GitFixture.commits(primary, "main", null, 10);
        mirrorAll();
        ObjectId c15 = GitFixture.commits(primary, "main", null, 5);
        ObjectId c20 = GitFixture.commits(primary, "main", null, 5);
        GitFixture.commits(primary, "develop", c20, 2);

        MirrorReport report = mirror.mirrorCommit(endpoint("us-east-1"), secondaries(), c15.name().substring(0, 12), "main");

        assertTrue(report.ok(), report.toString());
        for (SecondaryResult s : report.secondaries()) {
            assertEquals(1, s.refs().size(), "only the branch asked for: " + s);
            RefResult main = s.refs().get(0);
            assertEquals(RefOutcome.UPDATED, main.outcome());
            assertEquals(c10.name(), main.oldId());
            assertEquals(c15.name(), main.newId());
            assertEquals(5, main.commits());
        }
        assertEquals(c15, GitFixture.head(east2, "main"));
        assertNull(GitFixture.head(east2, "develop"), "other branches are not touched");

        // a new branch at a commit of the primary
        MirrorReport created = mirror.mirrorCommit(endpoint("us-east-1"), secondaries(), c20.name(), "hotfix");
        assertEquals(RefOutcome.CREATED, created.secondaries().get(0).refs().get(0).outcome());
        assertEquals(c20, GitFixture.head(west2, "hotfix"));
    }

    @Test
    void commitModeRefusesACommitThatIsNotInThePrimary() throws Exception {
        GitFixture.commits(primary, "main", null, 3);
        mirrorAll();
        ObjectId onlyOnSecondary = GitFixture.commit(east2, "side", GitFixture.head(east2, "main"), "x.txt", "x");
        Map<String, String> before = GitFixture.refs(west2);

        ReplicationException unknown = assertThrows(ReplicationException.class, () ->
                mirror.mirrorCommit(endpoint("us-east-1"), secondaries(), "0123456789abcdef0123456789abcdef01234567", "main"));
        assertTrue(unknown.getMessage().contains("is not in the primary repository"), unknown.getMessage());

        // fetched into the cache by status, but still not in the primary
        mirror.status(endpoint("us-east-1"), secondaries());
        ReplicationException foreign = assertThrows(ReplicationException.class, () ->
                mirror.mirrorCommit(endpoint("us-east-1"), secondaries(), onlyOnSecondary.name(), "main"));
        assertTrue(foreign.getMessage().contains("is not in the primary repository"), foreign.getMessage());
        assertEquals(before, GitFixture.refs(west2), "nothing was pushed");
    }

    @Test
    void anUnreachableSecondaryDoesNotStopTheOthers() throws Exception {
        history();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RepositoryEndpoint dead = endpoints(Map.of("eu-west-1", URI.create("http://u:p@127.0.0.1:" + closedPort + "/x")))
                .resolve("eu-west-1", REPO);

        MirrorReport report = mirror.mirrorAll(endpoint("us-east-1"), List.of(dead, endpoint("us-east-2")));

        assertFalse(report.ok());
        SecondaryResult failed = report.secondaries().get(0);
        assertFalse(failed.reachable());
        assertTrue(failed.error().contains("127.0.0.1:" + closedPort), failed.error());
        assertTrue(report.secondaries().get(1).ok());
        assertEquals(GitFixture.refs(primary), GitFixture.refs(east2));
    }

    @Test
    void wrongCredentialsAreRejectedByTheServerAndReported() throws Exception {
        history();
        RepositoryEndpoint wrong = endpoints(Map.of("us-west-2", server.baseUrlWithWrongPassword("us-west-2")))
                .resolve("us-west-2", REPO);

        MirrorReport report = mirror.mirrorAll(endpoint("us-east-1"), List.of(wrong, endpoint("us-east-2")));

        SecondaryResult failed = report.secondaries().get(0);
        assertFalse(failed.reachable());
        assertTrue(failed.error().toLowerCase().contains("not authorized"), failed.error());
        assertTrue(server.rejectedLogins() > 0);
        assertTrue(GitFixture.refs(west2).isEmpty());
        assertTrue(report.secondaries().get(1).ok());
    }

    @Test
    void anUnreachablePrimaryStopsTheRunWithItsReason() {
        RepositoryEndpoint missing = endpoints(Map.of("us-east-1", server.baseUrl("nowhere"))).resolve("us-east-1", REPO);
        ReplicationException e = assertThrows(ReplicationException.class, () -> mirror.mirrorAll(missing, secondaries()));
        assertTrue(e.getMessage().startsWith("cannot fetch from the primary (us-east-1 "), e.getMessage());
    }

    @Test
    void anEmptyPrimaryIsNotMirrored() throws Exception {
        GitFixture.commits(east2, "main", null, 2);
        ReplicationException e = assertThrows(ReplicationException.class, this::mirrorAll);
        assertTrue(e.getMessage().contains("has no branch"), e.getMessage());
        assertEquals(1, GitFixture.refs(east2).size(), "the secondary keeps its branch");
    }

    @Test
    void statusShowsInSyncBehindDivergedMissingAndExtra() throws Exception {
        ObjectId main = GitFixture.commits(primary, "main", null, 5);
        GitFixture.commits(primary, "develop", main, 2);
        GitFixture.commits(primary, "stale", main, 1);
        mirrorAll();
        GitFixture.commits(primary, "main", null, 4);                       // east2 behind by 4
        GitFixture.commit(east2, "develop", null, "own.txt", "own");          // east2 diverged: 1 ahead
        GitFixture.commits(primary, "develop", null, 2);                    // ... and 2 behind
        GitFixture.commits(primary, "new", main, 1);                        // missing on east2
        GitFixture.commits(east2, "only-here", main, 1);                    // extra on east2

        ReplicationStatus status = mirror.status(endpoint("us-east-1"), List.of(endpoint("us-east-2")));

        assertFalse(status.inSync());
        Map<String, ReplicationStatus.Branch> byName = new java.util.HashMap<>();
        status.secondaries().get(0).branches().forEach(b -> byName.put(b.name(), b));
        assertEquals(ReplicationStatus.State.BEHIND, byName.get("main").state());
        assertEquals(4, byName.get("main").behind());
        assertEquals(ReplicationStatus.State.DIVERGED, byName.get("develop").state());
        assertEquals(2, byName.get("develop").behind());
        assertEquals(1, byName.get("develop").ahead());
        assertEquals(ReplicationStatus.State.IN_SYNC, byName.get("stale").state());
        assertEquals(ReplicationStatus.State.MISSING, byName.get("new").state());
        assertEquals(ReplicationStatus.State.EXTRA, byName.get("only-here").state());
        assertEquals(GitFixture.head(east2, "main").name(), byName.get("main").secondaryHead());

        mirror.mirrorAll(endpoint("us-east-1"), List.of(endpoint("us-east-2")));
        ReplicationStatus after = mirror.status(endpoint("us-east-1"), List.of(endpoint("us-east-2")));
        // develop stays diverged (no force); the rest is in sync and the extra branch is gone
        assertEquals(List.of("develop"), after.secondaries().get(0).branches().stream()
                .filter(b -> b.state() != ReplicationStatus.State.IN_SYNC).map(ReplicationStatus.Branch::name).toList());
    }
}
