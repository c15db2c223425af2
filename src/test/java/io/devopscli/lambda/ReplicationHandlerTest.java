package io.devopscli.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.replication.GitFixture;
import io.devopscli.replication.GitHttpServer;
import io.devopscli.replication.RefOutcome;
import io.devopscli.replication.ReplicationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * The Lambda handler fed the event documents AWS publishes for CodeCommit reference changes
 * (src/test/resources/events, as in the CodeCommit user guide's "Monitoring CodeCommit events"; only the
 * commit ids are filled in) against real git repositories served over smart HTTP on loopback with
 * credentials checked (GitHttpServer: moto's CodeCommit has no git). The handler is configured through
 * the same environment variables `up` sets, with the git base URL overrides pointing at that server.
 */
class ReplicationHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = "MyDemoRepo";
    private static final String PRIMARY = "us-east-2";
    private static final String BRANCH = "refs/heads/myBranch";

    @TempDir
    Path dir;

    private GitHttpServer server;
    private Repository primary;
    private Repository east1;
    private Repository west2;
    private ByteArrayOutputStream log;

    @BeforeEach
    void start() throws Exception {
        server = GitHttpServer.start(dir.resolve("server"));
        primary = server.create(PRIMARY + "/" + REPO);
        east1 = server.create("us-east-1/" + REPO);
        west2 = server.create("us-west-2/" + REPO);
        log = new ByteArrayOutputStream();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** The environment `up` gives the function, plus the loopback git servers as base URL overrides. */
    private Map<String, String> environment(String east1BaseUrl) {
        return Map.of(
                ReplicationSettings.REPOSITORY_NAME, REPO,
                ReplicationSettings.SOURCE_REGION, PRIMARY,
                ReplicationSettings.SECONDARY_REGIONS, "us-east-1,us-west-2",
                ReplicationSettings.CACHE_DIR, dir.resolve("tmp/cache").toString(),
                ReplicationSettings.GIT_TIMEOUT_SECONDS, "20",
                "DEVOPS_CLI_GIT_BASE_URL_US_EAST_2", server.baseUrl(PRIMARY).toString(),
                "DEVOPS_CLI_GIT_BASE_URL_US_EAST_1", east1BaseUrl,
                "DEVOPS_CLI_GIT_BASE_URL_US_WEST_2", server.baseUrl("us-west-2").toString());
    }

    private ReplicationHandler handler() {
        return handler(server.baseUrl("us-east-1").toString());
    }

    private ReplicationHandler handler(String east1BaseUrl) {
        return new ReplicationHandler(ReplicationSettings.fromEnvironment(environment(east1BaseUrl)), region -> {
            throw new AssertionError("with git base URL overrides, CodeCommit is not asked");
        }, AnonymousCredentialsProvider.create(), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private static JsonNode event(String file, ObjectId commit, ObjectId old) throws IOException {
        try (InputStream in = ReplicationHandlerTest.class.getResourceAsStream("/events/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${commitId}", commit == null ? "" : commit.name())
                    .replace("${oldCommitId}", old == null ? "" : old.name());
            return JSON.readTree(text);
        }
    }

    private static String head(Repository repo, String ref) throws IOException {
        return GitFixture.refs(repo).get(ref);
    }

    @Test
    void referenceCreatedMirrorsTheNewBranchWithTheSameShaToEverySecondary() throws Exception {
        ObjectId tip = GitFixture.commits(primary, "myBranch", null, 20);

        ReplicationHandler.Summary summary = handler().handle(event("reference-created.json", tip, null));

        assertEquals("mirrored", summary.status());
        assertEquals(BRANCH, summary.ref());
        assertEquals(tip.name(), head(east1, BRANCH));
        assertEquals(tip.name(), head(west2, BRANCH));
        assertEquals(RefOutcome.CREATED, summary.refs("us-east-1").get(0).outcome());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("\"status\":\"mirrored\""), log::toString);
    }

    @Test
    void referenceUpdatedFastForwardsAndSendsOnlyTheNewObjects() throws Exception {
        ObjectId old = GitFixture.commits(primary, "myBranch", null, 50);
        ReplicationHandler handler = handler();
        handler.handle(event("reference-created.json", old, null));
        ObjectId tip = GitFixture.commits(primary, "myBranch", null, 3);

        ReplicationHandler.Summary summary = handler.handle(event("reference-updated.json", tip, old));

        assertEquals(tip.name(), head(east1, BRANCH));
        assertEquals(tip.name(), head(west2, BRANCH));
        assertEquals(RefOutcome.UPDATED, summary.refs("us-west-2").get(0).outcome());
        assertEquals(3, summary.refs("us-west-2").get(0).commits());
        List<Long> pushes = server.pushes("us-west-2/" + REPO);
        assertEquals(GitFixture.newObjects(primary, tip, old), pushes.get(pushes.size() - 1));
    }

    @Test
    void referenceDeletedDeletesTheBranchOnEverySecondary() throws Exception {
        GitFixture.commits(primary, "main", null, 5);
        ObjectId old = GitFixture.commits(primary, "myBranch", null, 5);
        ReplicationHandler handler = handler();
        handler.handle(event("reference-created.json", old, null));
        GitFixture.deleteRef(primary, BRANCH);

        ReplicationHandler.Summary summary = handler.handle(event("reference-deleted.json", null, old));

        assertNull(head(east1, BRANCH));
        assertNull(head(west2, BRANCH));
        assertEquals(RefOutcome.DELETED, summary.refs("us-east-1").get(0).outcome());
        assertNull(summary.commitId());
    }

    @Test
    void aDeletionTheSecondariesNeverSawIsAlreadyDone() throws Exception {
        GitFixture.commits(primary, "main", null, 2);

        ReplicationHandler.Summary summary = handler().handle(event("reference-deleted.json", null,
                ObjectId.fromString("26a8f2e0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")));

        assertEquals(RefOutcome.UP_TO_DATE, summary.refs("us-east-1").get(0).outcome());
        assertEquals(List.of(), server.pushes("us-east-1/" + REPO));
    }

    @Test
    void tagCreatedMirrorsTheAnnotatedTagObject() throws Exception {
        ObjectId commit = GitFixture.commits(primary, "main", null, 4);
        ObjectId tag = GitFixture.annotatedTag(primary, "v1.0", commit);

        handler().handle(event("tag-created.json", commit, null));

        assertEquals(tag.name(), head(east1, "refs/tags/v1.0"));
        assertEquals(tag.name(), head(west2, "refs/tags/v1.0"));
        assertNull(head(east1, "refs/heads/main"), "only the ref the event names is mirrored");
    }

    @Test
    void aLateEventMirrorsWhatThePrimaryHoldsNowNotTheOlderCommitItNames() throws Exception {
        ObjectId first = GitFixture.commits(primary, "myBranch", null, 2);
        ObjectId now = GitFixture.commits(primary, "myBranch", null, 2);
        ReplicationHandler handler = handler();
        handler.handle(event("reference-updated.json", now, first)); // the newer event arrived first

        ReplicationHandler.Summary late = handler.handle(event("reference-created.json", first, null));

        assertEquals(now.name(), head(east1, BRANCH), "a late event must not move a secondary backwards");
        assertEquals(RefOutcome.UP_TO_DATE, late.refs("us-east-1").get(0).outcome());
    }

    @Test
    void aDivergedSecondaryFailsTheInvocationAfterTheOthersAreDone() throws Exception {
        ObjectId base = GitFixture.commits(primary, "myBranch", null, 3);
        ReplicationHandler handler = handler();
        handler.handle(event("reference-created.json", base, null));
        GitFixture.commits(east1, "myBranch", null, 1); // someone pushed to the secondary directly
        ObjectId tip = GitFixture.commits(primary, "myBranch", null, 1);

        ReplicationException e = assertThrows(ReplicationException.class,
                () -> handler.handle(event("reference-updated.json", tip, base)));

        assertTrue(e.getMessage().contains("us-east-1: refs/heads/myBranch DIVERGED"), e.getMessage());
        assertEquals(tip.name(), head(west2, BRANCH), "the other secondary is still replicated");
    }

    @Test
    void anUnreachableSecondaryFailsTheInvocationSoLambdaRetriesIt() throws Exception {
        ObjectId tip = GitFixture.commits(primary, "myBranch", null, 2);

        ReplicationException e = assertThrows(ReplicationException.class, () ->
                handler(server.baseUrlWithWrongPassword("us-east-1").toString())
                        .handle(event("reference-created.json", tip, null)));

        assertTrue(e.getMessage().contains("us-east-1: "), e.getMessage());
        assertEquals(tip.name(), head(west2, BRANCH));
        assertTrue(server.rejectedLogins() > 0);
    }

    @Test
    void eventsOfOtherRepositoriesOrKindsAreIgnoredWithoutPushing() throws Exception {
        ObjectId tip = GitFixture.commits(primary, "myBranch", null, 2);
        JsonNode other = event("reference-created.json", tip, null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) other.get("detail")).put("repositoryName", "SomeoneElsesRepo");

        ReplicationHandler handler = handler();
        assertEquals("ignored", handler.handle(other).status());
        assertEquals("ignored", handler.handle(event("pull-request-created.json", tip, tip)).status());
        assertEquals(List.of(), server.pushes("us-east-1/" + REPO));
        assertEquals(List.of(), server.pushes("us-west-2/" + REPO));
    }

    @Test
    void aReferenceEventWithoutItsCommitIsRejected() throws Exception {
        JsonNode broken = event("reference-created.json", null, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> handler().handle(broken));
        assertTrue(e.getMessage().contains("commitId"), e.getMessage());
    }

    @Test
    void theStreamEntryPointReadsTheEventAndWritesTheSummary() throws Exception {
        ObjectId tip = GitFixture.commits(primary, "myBranch", null, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler().handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event("reference-created.json", tip, null))),
                out);

        JsonNode summary = JSON.readTree(out.toByteArray());
        assertEquals("mirrored", summary.path("status").asText());
        assertEquals(tip.name(), summary.path("commitId").asText());
        assertEquals(2, summary.path("report").path("secondaries").size());
        assertEquals(tip.name(), head(east1, BRANCH));
    }

    @Test
    void settingsComeFromTheEnvironmentUpSets() {
        ReplicationSettings s = ReplicationSettings.fromEnvironment(Map.of(ReplicationSettings.REPOSITORY_NAME, "repo",
                ReplicationSettings.SOURCE_REGION, "us-east-1", ReplicationSettings.SECONDARY_REGIONS, " us-west-2 ,eu-west-1"));
        assertEquals(List.of("us-west-2", "eu-west-1"), s.secondaryRegions());
        assertEquals(Path.of("/tmp/devops-cli-replication/repo"), s.cacheDir());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReplicationSettings.fromEnvironment(Map.of(ReplicationSettings.REPOSITORY_NAME, "repo",
                        ReplicationSettings.SECONDARY_REGIONS, "us-west-2")));
        assertTrue(e.getMessage().contains(ReplicationSettings.SOURCE_REGION), e.getMessage());
    }
}
