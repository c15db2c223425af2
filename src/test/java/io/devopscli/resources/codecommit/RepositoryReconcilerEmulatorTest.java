package io.devopscli.resources.codecommit;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.RepositoryMetadata;

/**
 * Against moto 5.2.5, which keeps repository metadata only: no tags, no ListTagsForResource, no
 * UpdateRepositoryDescription. Ownership therefore rests on the description marker here; the tag path
 * and the description update are covered by RepositoryReconcilerScriptedTest.
 */
@EmulatorTest
class RepositoryReconcilerEmulatorTest {
    private static final String NAME = "demo-app";
    private static final ResourceKey KEY = key("codecommit/repository", "repo");

    private EngineHarness harness;
    private CodeCommitClient codecommit;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> g.add(KEY, new RepositoryReconciler(), new RepositorySpec(NAME, "Source of demo-app")));
        codecommit = harness.clients().codecommit();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicCreatesTheRepositoryAndTheTimestampFixLetsTheSdkReadIt() {
        harness.up();

        // GetRepository carries moto's ISO-8601 dates: this read fails without IsoTimestampFix
        RepositoryMetadata m = codecommit.getRepository(r -> r.repositoryName(NAME)).repositoryMetadata();
        assertNotNull(m.creationDate());
        assertEquals("Source of demo-app [devops-cli:project=" + PROJECT + "]", m.repositoryDescription());
        assertEquals("https://git-codecommit.us-east-1.amazonaws.com/v1/repos/" + NAME, m.cloneUrlHttp());
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
        assertEquals(m.cloneUrlHttp(), RepositoryQuery.cloneUrlHttp(harness.clients(), NAME, PROJECT).orElseThrow());
        assertEquals(m.arn(), RepositoryQuery.find(codecommit, NAME, PROJECT).map(RepositoryState::arn).orElseThrow());
    }

    @Test
    void createRepositoryAnswerIsReadableToo() {
        // CreateRepository's answer also carries moto's dates; the reconciler builds its state from it
        var created = codecommit.createRepository(r -> r.repositoryName("direct")).repositoryMetadata();
        assertNotNull(created.creationDate());
        assertNotNull(created.lastModifiedDate());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void updateOfTheDescriptionIsPlannedAndFailsClearlyWhereTheEndpointLacksTheCall() {
        harness.up();
        harness.desire(g -> g.add(KEY, new RepositoryReconciler(), new RepositorySpec(NAME, "new text")));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(List.of(FieldChange.of("description", "new text", "Source of demo-app")), change.fields());
        long start = System.nanoTime();
        NodeResult result = harness.apply(harness.plan()).results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("does not implement UpdateRepositoryDescription"), result.message());
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "not retried as a server fault");
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        codecommit.deleteRepository(r -> r.repositoryName(NAME));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void downKeepsTheRepositoryAndDownPurgingDeletesIt() {
        harness.up();

        assertEquals(Action.NOOP, EngineHarness.byKey(harness.planDestroy()).get(KEY).action());
        harness.down();
        assertTrue(RepositoryQuery.metadata(codecommit, NAME).isPresent(), "holds data: kept without --purge");

        assertEquals(Action.DELETE, EngineHarness.byKey(harness.planDestroy(true)).get(KEY).action());
        harness.downPurging();
        assertFalse(RepositoryQuery.metadata(codecommit, NAME).isPresent());
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy(true)));
    }

    @Test
    void aSameNamedRepositoryWithoutOurMarkIsNeitherAdoptedNorDeleted() {
        codecommit.createRepository(r -> r.repositoryName(NAME).repositoryDescription("the team's own"));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        RunReport report = harness.apply(harness.plan());
        NodeResult result = report.results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());

        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy(true)));
        harness.downPurging();
        assertEquals("the team's own", codecommit.getRepository(r -> r.repositoryName(NAME)).repositoryMetadata()
                .repositoryDescription());
    }
}
