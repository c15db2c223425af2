package io.devopscli.resources.sns;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

@EmulatorTest
class TopicReconcilerEmulatorTest {
    static final String NAME = "natproj-approval";
    /** moto's default account */
    static final String ARN = "arn:aws:sns:us-east-1:123456789012:" + NAME;
    private static final ResourceKey KEY = key("sns/topic", "approval");

    private EngineHarness harness;
    private SnsClient sns;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> g.add(KEY, new TopicReconciler(), new TopicSpec(NAME, "natproj approvals")));
        sns = harness.clients().sns();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicCreatesTheTaggedTopicAtItsDerivedArn() {
        harness.up();

        assertEquals(List.of(ARN), topicArns());
        assertEquals("natproj approvals", sns.getTopicAttributes(r -> r.topicArn(ARN)).attributes().get("DisplayName"));
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, NAME), tags(ARN));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void updateRestoresTheDisplayNameChangedOutOfBand() {
        harness.up();
        sns.setTopicAttributes(r -> r.topicArn(ARN).attributeName("DisplayName").attributeValue("hacked"));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(new Change(KEY, Action.UPDATE, List.of(FieldChange.of("displayName", "natproj approvals", "hacked"))),
                change);
        harness.up();
        assertEquals("natproj approvals", sns.getTopicAttributes(r -> r.topicArn(ARN)).attributes().get("DisplayName"));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        sns.deleteTopic(r -> r.topicArn(ARN));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(ARN), topicArns());
    }

    @Test
    void destroyDeletesTheTopic() {
        harness.up();
        harness.down();
        assertEquals(List.of(), topicArns());
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()));
    }

    @Test
    void aSameNamedTopicWithoutOurTagIsNeitherAdoptedNorDeleted() {
        sns.createTopic(r -> r.name(NAME));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        NodeResult result = harness.apply(harness.plan()).results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());

        harness.down();
        assertEquals(List.of(ARN), topicArns(), "someone else's topic survives down");
        assertEquals(Map.of(), tags(ARN));
    }

    private List<String> topicArns() {
        return sns.listTopicsPaginator().topics().stream().map(t -> t.topicArn()).toList();
    }

    private Map<String, String> tags(String arn) {
        return sns.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }
}
