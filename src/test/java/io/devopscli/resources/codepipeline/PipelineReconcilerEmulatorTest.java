package io.devopscli.resources.codepipeline;

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
import io.devopscli.resources.iam.Policies;
import io.devopscli.resources.iam.RoleReconciler;
import io.devopscli.resources.iam.RoleSpec;
import io.devopscli.resources.sns.TopicReconciler;
import io.devopscli.resources.sns.TopicSpec;
import io.devopscli.testing.Emulator;
import io.devopscli.resources.codepipeline.DeliveryPipelineSpec.Deployment;
import io.devopscli.testing.EmulatorTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/**
 * The pipeline with real parents where this branch has their reconcilers (role, approval topic) and
 * pre-made ones where it does not: the artifact bucket is made with a plain S3 client, and the build
 * project only needs its name (moto's CreatePipeline does not look it up).
 */
@EmulatorTest
class PipelineReconcilerEmulatorTest {
    static final String NAME = "natproj-pipeline";
    static final String ROLE_NAME = "natproj-codepipeline-us-east-1";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/" + ROLE_NAME;
    static final String BUCKET = "natproj-artifacts-us-east-1-123456789012";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:natproj-approval";
    static final ResourceKey ROLE = key("iam/role", "codepipeline");
    static final ResourceKey ARTIFACTS = key("s3/bucket", "artifacts");
    static final ResourceKey BUILD = key("codebuild/project", "build");
    static final ResourceKey APPROVAL = key("sns/topic", "approval");
    static final ResourceKey PIPELINE = key("codepipeline/pipeline", "main");
    static final Waiter SHORT = new Waiter(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(200));

    private EngineHarness harness;
    private CodePipelineClient codepipeline;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> graph(g, "main"));
        codepipeline = harness.clients().codepipeline();
        harness.clients().s3().createBucket(r -> r.bucket(BUCKET));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    static DeliveryPipelineSpec spec(String branch) {
        return new DeliveryPipelineSpec(NAME, ROLE, ARTIFACTS, "natproj-repo", branch, BUILD, "natproj-cluster",
                List.of(new Deployment("staging", "app-staging"), new Deployment("production", "app-production")), APPROVAL, "Approve app for production");
    }

    /** The parents the pipeline needs, as the graph builder adds them. */
    static void parents(RegionGraph g) {
        String policy = PipelinePolicies.codePipeline(new PipelinePolicies.PipelineGrants("us-east-1", "natproj-repo",
                BUCKET, "natproj-build", "natproj-cluster", List.of("app-staging", "app-production"),
                List.of("natproj-task-exec-us-east-1", "natproj-task-us-east-1"), "natproj-approval"));
        g.add(ROLE, new RoleReconciler(SHORT), new RoleSpec(ROLE_NAME, "codepipeline.amazonaws.com", "codepipeline", policy));
        g.add(ARTIFACTS, new PreMadeReconciler(), BUCKET);
        g.add(BUILD, new PreMadeReconciler(), "natproj-build");
        g.add(APPROVAL, new TopicReconciler(), new TopicSpec("natproj-approval", "natproj approvals"));
    }

    private static void graph(RegionGraph g, String branch) {
        parents(g);
        g.add(PIPELINE, new PipelineReconciler(SHORT), spec(branch), ROLE, ARTIFACTS, BUILD, APPROVAL);
    }

    @Test
    void basicCreatesTheFiveStagePipelineWithItsParents() {
        harness.up();

        var got = codepipeline.getPipeline(r -> r.name(NAME));
        PipelineDeclaration p = got.pipeline();
        assertEquals(ROLE_ARN, p.roleArn());
        assertEquals("S3", p.artifactStore().typeAsString());
        assertEquals(BUCKET, p.artifactStore().location());
        assertEquals("V2", p.pipelineTypeAsString());
        assertEquals(List.of("Source", "Build", "DeployStaging", "Approval", "DeployProduction"),
                p.stages().stream().map(StageDeclaration::name).toList());
        assertEquals(Map.of("RepositoryName", "natproj-repo", "BranchName", "main", "PollForSourceChanges", "false"),
                action(p, "Source").configuration());
        assertEquals("CodeCommit", action(p, "Source").actionTypeId().provider());
        assertEquals(Map.of("ProjectName", "natproj-build"), action(p, "Build").configuration());
        assertEquals(Map.of("ClusterName", "natproj-cluster", "ServiceName", "app-staging", "FileName",
                "imagedefinitions.json"), action(p, "DeployStaging").configuration());
        assertEquals(Map.of("NotificationArn", TOPIC_ARN, "CustomData", "Approve app for production"),
                action(p, "Approval").configuration());
        assertEquals("app-production", action(p, "DeployProduction").configuration().get("ServiceName"));
        String arn = got.metadata().pipelineArn();
        assertEquals("arn:aws:codepipeline:us-east-1:123456789012:" + NAME, arn);
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, NAME),
                codepipeline.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                        .collect(Collectors.toMap(t -> t.key(), t -> t.value())));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(PIPELINE).action());
    }

    /** moto answers ISO-8601 timestamps; IsoTimestampFix makes ListPipelines and GetPipeline readable. */
    @Test
    void theTimestampsOfListAndGetPipelineRead() {
        harness.up();
        var listed = codepipeline.listPipelines().pipelines();
        assertEquals(List.of(NAME), listed.stream().map(s -> s.name()).toList());
        assertTrue(listed.get(0).created().getEpochSecond() > 1_600_000_000L, listed.get(0).created().toString());
        assertTrue(codepipeline.getPipeline(r -> r.name(NAME)).metadata().updated().getEpochSecond() > 1_600_000_000L);
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void aStageEditedByHandIsDriftNamedByStageActionAndField() {
        harness.up();
        PipelineDeclaration p = codepipeline.getPipeline(r -> r.name(NAME)).pipeline();
        PipelineDeclaration edited = p.toBuilder().stages(p.stages().stream().map(s -> !s.name().equals("DeployStaging") ? s
                : s.toBuilder().actions(s.actions().stream().map(a -> {
                    Map<String, String> config = new HashMap<>(a.configuration());
                    config.put("ServiceName", "someone-elses-service");
                    return a.toBuilder().configuration(config).build();
                }).toList()).build()).toList()).build();
        codepipeline.updatePipeline(r -> r.pipeline(edited));

        Change change = EngineHarness.byKey(harness.plan()).get(PIPELINE);
        assertEquals(new Change(PIPELINE, Action.UPDATE, List.of(FieldChange.of(
                "stages[DeployStaging].actions[Deploy].configuration.ServiceName", "app-staging", "someone-elses-service"))),
                change);
        harness.up();
        assertEquals("app-staging", action(codepipeline.getPipeline(r -> r.name(NAME)).pipeline(), "DeployStaging")
                .configuration().get("ServiceName"));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aStageRemovedByHandIsPutBack() {
        harness.up();
        PipelineDeclaration p = codepipeline.getPipeline(r -> r.name(NAME)).pipeline();
        codepipeline.updatePipeline(r -> r.pipeline(p.toBuilder()
                .stages(p.stages().stream().filter(s -> !s.name().equals("Approval")).toList()).build()));

        Change change = EngineHarness.byKey(harness.plan()).get(PIPELINE);
        assertEquals(List.of("stages"), change.fields().stream().map(FieldChange::field).toList());
        harness.up();
        assertEquals(5, codepipeline.getPipeline(r -> r.name(NAME)).pipeline().stages().size());
    }

    @Test
    void anotherBranchInTheSpecUpdatesTheSourceAction() {
        harness.up();
        harness.desire(g -> graph(g, "release"));

        Change change = EngineHarness.byKey(harness.plan()).get(PIPELINE);
        assertEquals(List.of(FieldChange.of("stages[Source].actions[Source].configuration.BranchName", "release", "main")),
                change.fields());
        harness.up();
        assertEquals("release", action(codepipeline.getPipeline(r -> r.name(NAME)).pipeline(), "Source")
                .configuration().get("BranchName"));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        codepipeline.deletePipeline(r -> r.name(NAME));

        assertEquals(List.of(new Change(PIPELINE, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(NAME), codepipeline.listPipelines().pipelines().stream().map(s -> s.name()).toList());
    }

    @Test
    void destroyDeletesThePipelineBeforeItsRoleAndTopic() {
        harness.up();
        Plan plan = harness.planDestroy();
        assertEquals(Action.DELETE, EngineHarness.byKey(plan).get(PIPELINE).action());
        EngineHarness.succeeded(harness.destroy(plan));

        assertEquals(List.of(), codepipeline.listPipelines().pipelines());
        assertTrue(harness.clients().iam().listRoles().roles().stream().noneMatch(r -> r.roleName().equals(ROLE_NAME)));
        assertEquals(List.of(), harness.clients().sns().listTopics().topics());
    }

    @Test
    void aSameNamedPipelineWithoutOurTagIsNeitherAdoptedNorDeleted() {
        harness.up();
        codepipeline.untagResource(r -> r.resourceArn(codepipeline.getPipeline(g -> g.name(NAME)).metadata().pipelineArn())
                .tagKeys(Tags.OWNER_KEY));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(PIPELINE).action());
        NodeResult result = harness.apply(harness.plan()).results().stream()
                .filter(r -> r.key().equals(PIPELINE)).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());

        harness.destroy(harness.planDestroy());
        assertEquals(List.of(NAME), codepipeline.listPipelines().pipelines().stream().map(s -> s.name()).toList());
    }

    private static ActionDeclaration action(PipelineDeclaration p, String stage) {
        return p.stages().stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow().actions().get(0);
    }
}
