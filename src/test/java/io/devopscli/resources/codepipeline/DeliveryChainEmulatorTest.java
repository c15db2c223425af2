package io.devopscli.resources.codepipeline;

import static io.devopscli.resources.EngineHarness.key;
import static io.devopscli.resources.codepipeline.PipelineReconcilerEmulatorTest.APPROVAL;
import static io.devopscli.resources.codepipeline.PipelineReconcilerEmulatorTest.ARTIFACTS;
import static io.devopscli.resources.codepipeline.PipelineReconcilerEmulatorTest.BUCKET;
import static io.devopscli.resources.codepipeline.PipelineReconcilerEmulatorTest.BUILD;
import static io.devopscli.resources.codepipeline.PipelineReconcilerEmulatorTest.NAME;
import static io.devopscli.resources.codepipeline.PipelineReconcilerEmulatorTest.PIPELINE;
import static io.devopscli.resources.codepipeline.PipelineReconcilerEmulatorTest.ROLE;
import static io.devopscli.resources.codepipeline.PipelineReconcilerEmulatorTest.SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.resources.events.RuleReconciler;
import io.devopscli.resources.events.RuleSpec;
import io.devopscli.resources.iam.PipelinePolicies;
import io.devopscli.resources.iam.RoleReconciler;
import io.devopscli.resources.iam.RoleSpec;
import io.devopscli.resources.sns.EmailSubscriptionReconciler;
import io.devopscli.resources.sns.EmailSubscriptionSpec;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline, its approval topic and subscription, and the push rule with both roles in one graph,
 * wired by the ids each node publishes, as the graph builder will wire them: the rule's target must be
 * the ARN of the pipeline that was really created.
 */
@EmulatorTest
class DeliveryChainEmulatorTest {
    private static final ResourceKey REPO = key("codecommit/repository", "repo");
    private static final ResourceKey EVENTS_ROLE = key("iam/role", "events");
    private static final ResourceKey APPROVAL_EMAIL = key("sns/subscription", "approval-email");
    private static final ResourceKey RULE = key("events/rule", "push");

    private EngineHarness harness;
    private String repoArn;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(this::graph);
        harness.clients().s3().createBucket(r -> r.bucket(BUCKET));
        repoArn = harness.clients().codecommit().createRepository(r -> r.repositoryName("natproj-repo"))
                .repositoryMetadata().arn();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void graph(RegionGraph g) {
        g.add(REPO, new PreMadeReconciler(), repoArn);
        PipelineReconcilerEmulatorTest.parents(g);
        g.add(APPROVAL_EMAIL, new EmailSubscriptionReconciler(), new EmailSubscriptionSpec(APPROVAL, "ops@example.com"),
                APPROVAL);
        g.add(PIPELINE, new PipelineReconciler(SHORT), PipelineReconcilerEmulatorTest.spec("main"),
                ROLE, ARTIFACTS, BUILD, APPROVAL, REPO);
        g.add(EVENTS_ROLE, new RoleReconciler(SHORT), new RoleSpec("natproj-events-us-east-1", "events.amazonaws.com",
                "start-pipeline", PipelinePolicies.startPipeline("us-east-1", NAME)));
        g.add(RULE, new RuleReconciler(), new RuleSpec("natproj-push-to-pipeline", REPO, "main", PIPELINE, EVENTS_ROLE),
                REPO, PIPELINE, EVENTS_ROLE);
    }

    @Test
    void upWiresTheRuleToTheCreatedPipelineAndASecondUpChangesNothing() {
        Plan first = harness.plan();
        assertEquals(List.of(ROLE, APPROVAL, APPROVAL_EMAIL, PIPELINE, EVENTS_ROLE, RULE),
                EngineHarness.mutations(first).stream().filter(c -> c.action() == Action.CREATE).map(Change::key).toList());
        EngineHarness.succeeded(harness.apply(first));

        String pipelineArn = harness.clients().codepipeline().getPipeline(r -> r.name(NAME)).metadata().pipelineArn();
        var target = harness.clients().events().listTargetsByRule(r -> r.rule("natproj-push-to-pipeline")).targets().get(0);
        assertEquals(pipelineArn, target.arn());
        assertEquals("arn:aws:iam::123456789012:role/natproj-events-us-east-1", target.roleArn());

        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second));
        harness.clients().settings().counter().reset();
        harness.apply(second);
        assertEquals(0, harness.clients().settings().counter().mutating());
    }

    @Test
    void downRemovesTheWholeChain() {
        harness.up();
        harness.down();

        assertEquals(List.of(), harness.clients().codepipeline().listPipelines().pipelines());
        assertEquals(List.of(), harness.clients().events().listRules(r -> { }).rules());
        assertEquals(List.of(), harness.clients().sns().listTopics().topics());
        assertEquals(List.of(), harness.clients().sns().listSubscriptions().subscriptions());
        assertTrue(harness.clients().iam().listRoles().roles().stream().noneMatch(r -> r.roleName().startsWith("natproj-")));
    }
}
