package io.devopscli.resources.events;

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
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.resources.iam.PipelinePolicies;
import io.devopscli.resources.iam.RoleReconciler;
import io.devopscli.resources.iam.RoleSpec;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The rule with a real role, a CodeCommit repository made with a plain SDK client (its reconciler is
 * written elsewhere) and the pipeline's name pre-made (moto's PutTargets does not look the pipeline up;
 * DeliveryChainEmulatorTest runs the rule with the real pipeline).
 */
@EmulatorTest
class RuleReconcilerEmulatorTest {
    static final String NAME = "natproj-push-to-pipeline";
    static final String PIPELINE_NAME = "natproj-pipeline";
    static final String PIPELINE_ARN = "arn:aws:codepipeline:us-east-1:123456789012:" + PIPELINE_NAME;
    static final String ROLE_NAME = "natproj-events-us-east-1";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/" + ROLE_NAME;
    private static final ResourceKey REPO = key("codecommit/repository", "repo");
    private static final ResourceKey PIPELINE = key("codepipeline/pipeline", "main");
    private static final ResourceKey ROLE = key("iam/role", "events");
    private static final ResourceKey RULE = key("events/rule", "push");
    private static final Waiter SHORT = new Waiter(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(200));

    private EngineHarness harness;
    private EventBridgeClient events;
    private String repoArn;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> graph(g, "main"));
        events = harness.clients().events();
        repoArn = harness.clients().codecommit().createRepository(r -> r.repositoryName("natproj-repo"))
                .repositoryMetadata().arn();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void graph(RegionGraph g, String branch) {
        g.add(REPO, new PreMadeReconciler(), repoArn);
        g.add(PIPELINE, new PreMadeReconciler(), PIPELINE_NAME);
        g.add(ROLE, new RoleReconciler(SHORT), new RoleSpec(ROLE_NAME, "events.amazonaws.com", "start-pipeline",
                PipelinePolicies.startPipeline("us-east-1", PIPELINE_NAME)));
        g.add(RULE, new RuleReconciler(), new RuleSpec(NAME, REPO, branch, PIPELINE, ROLE), REPO, PIPELINE, ROLE);
    }

    @Test
    void basicCreatesTheEnabledRuleWithItsPatternTagsAndTarget() {
        harness.up();

        DescribeRuleResponse rule = events.describeRule(r -> r.name(NAME));
        assertEquals("ENABLED", rule.stateAsString());
        assertEquals(PushPattern.of(repoArn, "main"), PushPattern.parse(rule.eventPattern()));
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, NAME), tags(rule.arn()));
        List<Target> targets = events.listTargetsByRule(r -> r.rule(NAME)).targets();
        assertEquals(1, targets.size());
        assertEquals(PIPELINE_ARN, targets.get(0).arn());
        assertEquals(ROLE_ARN, targets.get(0).roleArn());
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(RULE).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void updateReEnablesARuleDisabledByHand() {
        harness.up();
        events.disableRule(r -> r.name(NAME));

        assertEquals(new Change(RULE, Action.UPDATE, List.of(FieldChange.of("state", "ENABLED", "DISABLED"))),
                EngineHarness.byKey(harness.plan()).get(RULE));
        harness.up();
        assertEquals("ENABLED", events.describeRule(r -> r.name(NAME)).stateAsString());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void updateRemovesATargetAddedByHandAndRestoresOurs() {
        harness.up();
        events.putTargets(r -> r.rule(NAME).targets(
                Target.builder().id("pipeline").arn(PIPELINE_ARN + "-other").roleArn(ROLE_ARN).build(),
                Target.builder().id("extra").arn("arn:aws:sns:us-east-1:123456789012:someone").build()));

        assertEquals(List.of("targets"), fields(EngineHarness.byKey(harness.plan()).get(RULE)));
        harness.up();
        List<Target> targets = events.listTargetsByRule(r -> r.rule(NAME)).targets();
        assertEquals(List.of("pipeline " + PIPELINE_ARN), targets.stream().map(t -> t.id() + " " + t.arn()).toList());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void anotherBranchInTheSpecUpdatesThePatternAndKeepsTheTarget() {
        harness.up();
        harness.desire(g -> graph(g, "release"));

        assertEquals(List.of("eventPattern"), fields(EngineHarness.byKey(harness.plan()).get(RULE)));
        harness.up();
        assertEquals(PushPattern.of(repoArn, "release"),
                PushPattern.parse(events.describeRule(r -> r.name(NAME)).eventPattern()));
        assertEquals(1, events.listTargetsByRule(r -> r.rule(NAME)).targets().size());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        events.removeTargets(r -> r.rule(NAME).ids("pipeline"));
        events.deleteRule(r -> r.name(NAME));

        assertEquals(List.of(new Change(RULE, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(1, events.listTargetsByRule(r -> r.rule(NAME)).targets().size());
    }

    @Test
    void destroyRemovesTheTargetsThenTheRule() {
        harness.up();
        // a target added by hand must not keep DeleteRule from succeeding
        events.putTargets(r -> r.rule(NAME).targets(Target.builder().id("extra")
                .arn("arn:aws:sns:us-east-1:123456789012:someone").build()));
        harness.down();

        assertEquals(List.of(), events.listRules(r -> { }).rules());
        assertTrue(harness.clients().iam().listRoles().roles().stream().noneMatch(r -> r.roleName().equals(ROLE_NAME)));
    }

    @Test
    void aSameNamedRuleWithoutOurTagIsNeitherAdoptedNorDeleted() {
        events.putRule(r -> r.name(NAME).eventPattern("{\"source\":[\"aws.ec2\"]}"));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(RULE).action());
        NodeResult result = harness.apply(harness.plan()).results().stream()
                .filter(r -> r.key().equals(RULE)).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());

        harness.down();
        assertEquals("{\"source\":[\"aws.ec2\"]}".replace(" ", ""),
                PushPattern.parse(events.describeRule(r -> r.name(NAME)).eventPattern()).toString());
    }

    private Map<String, String> tags(String arn) {
        return events.listTagsForResource(r -> r.resourceARN(arn)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private static List<String> fields(Change change) {
        return change.fields().stream().map(FieldChange::field).toList();
    }
}
