package io.devopscli.resources.logs;

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
import io.devopscli.engine.Plan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

@EmulatorTest
class LogGroupReconcilerEmulatorTest {
    private static final String NAME = "/devops-cli/natproj/flow-logs";
    private static final ResourceKey KEY = key("logs/log-group", "flow-logs");

    private EngineHarness harness;
    private CloudWatchLogsClient logs;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> g.add(KEY, new LogGroupReconciler(), new LogGroupSpec(NAME, 7)));
        logs = harness.clients().logs();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicCreatesTheGroupWithTagsAndRetention() {
        harness.up();

        LogGroup group = describe(NAME).orElseThrow();
        assertEquals(7, group.retentionInDays());
        Map<String, String> tags = logs.listTagsForResource(r -> r.resourceArn(LogGroupReconciler.arnOf(group))).tags();
        assertEquals(PROJECT, tags.get(Tags.OWNER_KEY));
        assertEquals(NAME, tags.get(Tags.NAME_KEY));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void updateRestoresRetentionChangedOutOfBand() {
        harness.up();
        logs.putRetentionPolicy(r -> r.logGroupName(NAME).retentionInDays(30));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(FieldChange.of("retentionDays", 7, 30)), change.fields());
        harness.up();
        assertEquals(7, describe(NAME).orElseThrow().retentionInDays());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void updateFollowsASpecChange() {
        harness.up();
        harness.desire(g -> g.add(KEY, new LogGroupReconciler(), new LogGroupSpec(NAME, 90)));

        assertEquals(Action.UPDATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        harness.up();
        assertEquals(90, describe(NAME).orElseThrow().retentionInDays());
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        logs.deleteLogGroup(r -> r.logGroupName(NAME));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertTrue(describe(NAME).isPresent());
    }

    @Test
    void destroyDeletesTheGroup() {
        harness.up();
        harness.down();
        assertFalse(describe(NAME).isPresent());
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()));
    }

    @Test
    void aSameNamedGroupWithoutOurTagIsNeitherAdoptedNorDeleted() {
        logs.createLogGroup(r -> r.logGroupName(NAME));
        // a sibling sharing the prefix must not be mistaken for ours either
        logs.createLogGroup(r -> r.logGroupName(NAME + "-2").tags(Tags.owned(PROJECT, NAME)));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        RunReport report = harness.apply(harness.plan());
        NodeResult result = report.results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());

        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()));
        harness.down();
        assertTrue(describe(NAME).isPresent(), "someone else's group survives down");
        assertTrue(describe(NAME).get().retentionInDays() == null, "and its settings are untouched");
    }

    private java.util.Optional<LogGroup> describe(String name) {
        return logs.describeLogGroups(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                .filter(g -> g.logGroupName().equals(name)).findFirst();
    }
}
