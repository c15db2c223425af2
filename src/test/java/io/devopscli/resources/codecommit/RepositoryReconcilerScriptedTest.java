package io.devopscli.resources.codecommit;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parts of the contract moto 5.2.5 cannot show (it has no CodeCommit tags, ListTagsForResource or
 * UpdateRepositoryDescription), against a scripted client that behaves as AWS documents: ownership by
 * tag, and the description update. The engine and graph are the real ones.
 */
@EmulatorTest
class RepositoryReconcilerScriptedTest {
    private static final String NAME = "demo-app";
    private static final ResourceKey KEY = key("codecommit/repository", "repo");

    private final ScriptedCodeCommit aws = new ScriptedCodeCommit();
    private EngineHarness harness;

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(graph("Source of demo-app"));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private java.util.function.Consumer<io.devopscli.engine.RegionGraph> graph(String description) {
        return g -> g.add(KEY, new RepositoryReconciler(ctx -> aws), new RepositorySpec(NAME, description));
    }

    @Test
    void createTagsTheRepositoryAndASecondPlanIsEmpty() {
        harness.up();
        String arn = aws.repositories.get(NAME).arn();
        assertEquals(Tags.owned(PROJECT, NAME), aws.tagsByArn.get(arn));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void updateRestoresADescriptionChangedOutOfBandAndFollowsTheSpec() {
        harness.up();
        aws.repositories.put(NAME, aws.repositories.get(NAME).toBuilder().repositoryDescription("edited by hand").build());

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(FieldChange.of("description", "Source of demo-app", "edited by hand")), change.fields());
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));

        harness.desire(graph("Moved to the new team"));
        assertEquals(Action.UPDATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        harness.up();
        assertEquals("Moved to the new team [devops-cli:project=" + PROJECT + "]",
                aws.repositories.get(NAME).repositoryDescription());
    }

    @Test
    void whereTagsCanBeReadTheMarkerAloneDoesNotMakeARepositoryOurs() {
        aws.addForeign(NAME, "copied [devops-cli:project=" + PROJECT + "]", Map.of("team", "payments"));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        NodeResult result = harness.apply(harness.plan()).results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());
        harness.downPurging();
        assertTrue(aws.repositories.containsKey(NAME));
    }

    @Test
    void anOwnedRepositoryLeftByAnInterruptedRunIsTakenOnCreate() {
        aws.addForeign(NAME, "old [devops-cli:project=" + PROJECT + "]", Tags.owned(PROJECT, NAME));
        RepositoryReconciler reconciler = new RepositoryReconciler(ctx -> aws);
        var ctx = io.devopscli.testing.Emulator.context("us-east-1", PROJECT, harness.clients());

        RepositoryState state = reconciler.create(new RepositorySpec(NAME, "Source of demo-app"), ctx);
        assertEquals("Source of demo-app", state.description());
        assertEquals("Source of demo-app [devops-cli:project=" + PROJECT + "]", aws.repositories.get(NAME).repositoryDescription());
    }

    @Test
    void purgeDeletesAndDeletingAgainIsFine() {
        harness.up();
        harness.downPurging();
        assertFalse(aws.repositories.containsKey(NAME));
        RepositoryReconciler reconciler = new RepositoryReconciler(ctx -> aws);
        reconciler.delete(new RepositoryState(NAME, "arn", "", "", null),
                io.devopscli.testing.Emulator.context("us-east-1", PROJECT, harness.clients()));
    }
}
