package io.devopscli.resources.codepipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.codepipeline.DeliveryPipelineSpec.Deployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PipelineDriftTest {
    static final DeliveryPipelineSpec SPEC = new DeliveryPipelineSpec("p-pipeline",
            key("iam/role", "codepipeline"), key("s3/bucket", "artifacts"), "p-repo", "main",
            key("codebuild/project", "build"), "p-cluster",
            List.of(new Deployment("staging", "app-staging"), new Deployment("production", "app-production")),
            key("sns/topic", "approval"), "Approve the release of app to production");
    static final PipelineParents IDS = new PipelineParents("arn:aws:iam::1:role/p-codepipeline-us-east-1",
            "p-artifacts-us-east-1-1", "p-build", "arn:aws:sns:us-east-1:1:p-approval");

    private final PipelineReconciler reconciler = new PipelineReconciler();

    @Test
    void theWantedDeclarationHasFiveStagesInOrder() {
        PipelineShape shape = PipelineShapes.desired(SPEC, IDS);
        assertEquals(List.of("Source", "Build", "DeployStaging", "Approval", "DeployProduction"),
                shape.stages().stream().map(PipelineShape.Stage::name).toList());
        assertEquals(Map.of("RepositoryName", "p-repo", "BranchName", "main", "PollForSourceChanges", "false"),
                action(shape, "Source").configuration());
        assertEquals(Map.of("ProjectName", "p-build"), action(shape, "Build").configuration());
        assertEquals(Map.of("ClusterName", "p-cluster", "ServiceName", "app-staging", "FileName", "imagedefinitions.json"),
                action(shape, "DeployStaging").configuration());
        assertEquals(Map.of("NotificationArn", IDS.approvalTopicArn(), "CustomData", SPEC.approvalMessage()),
                action(shape, "Approval").configuration());
        assertEquals("app-production", action(shape, "DeployProduction").configuration().get("ServiceName"));
        assertEquals("Approval/AWS/Manual/1", action(shape, "Approval").type());
        assertEquals(List.of("BuildOutput"), action(shape, "DeployProduction").inputArtifacts());
    }

    @Test
    void aDeployStagePerEnvironmentInOrderWithTheApprovalBeforeTheLast() {
        DeliveryPipelineSpec three = new DeliveryPipelineSpec("p-pipeline", SPEC.role(), SPEC.artifactBucket(), "p-repo",
                "main", SPEC.buildProject(), "p-cluster", List.of(new Deployment("dev", "app-dev"),
                new Deployment("staging", "app-staging"), new Deployment("production", "app-production")),
                SPEC.approvalTopic(), "approve");
        PipelineShape shape = PipelineShapes.desired(three, IDS);
        assertEquals(List.of("Source", "Build", "DeployDev", "DeployStaging", "Approval", "DeployProduction"),
                shape.stages().stream().map(PipelineShape.Stage::name).toList());
        assertEquals("app-dev", action(shape, "DeployDev").configuration().get("ServiceName"));

        DeliveryPipelineSpec one = new DeliveryPipelineSpec("p-pipeline", SPEC.role(), SPEC.artifactBucket(), "p-repo",
                "main", SPEC.buildProject(), "p-cluster", List.of(new Deployment("live", "app-live")),
                SPEC.approvalTopic(), "approve");
        assertEquals(List.of("Source", "Build", "Approval", "DeployLive"),
                PipelineShapes.desired(one, IDS).stages().stream().map(PipelineShape.Stage::name).toList(),
                "a single environment is still approved before it is deployed");
    }

    @Test
    void theSameDeclarationIsNoDrift() {
        assertEquals(List.of(), diff(s -> s));
    }

    @Test
    void aHandEditedActionIsNamedByStageActionAndField() {
        assertEquals(List.of("stages[DeployStaging].actions[Deploy].configuration.ServiceName: app-staging <- other"),
                format(diff(s -> withConfig(s, "DeployStaging", "ServiceName", "other"))));
    }

    @Test
    void aConfigurationKeyAddedOrRemovedByHandIsDrift() {
        assertEquals(List.of("stages[Source].actions[Source].configuration.OutputArtifactFormat: (absent) <- CODEBUILD_CLONE_REF"),
                format(diff(s -> withConfig(s, "Source", "OutputArtifactFormat", "CODEBUILD_CLONE_REF"))));
        assertEquals(List.of("stages[Source].actions[Source].configuration.PollForSourceChanges: false <- (absent)"),
                format(diff(s -> withConfig(s, "Source", "PollForSourceChanges", null))));
    }

    @Test
    void aRemovedStageShowsOnceInTheStageList() {
        assertEquals(List.of("stages: [Source, Build, DeployStaging, Approval, DeployProduction]"
                        + " <- [Source, Build, DeployStaging, DeployProduction]"),
                format(diff(s -> new PipelineShape(s.roleArn(), s.artifactStoreType(), s.artifactStoreLocation(),
                        s.pipelineType(), s.stages().stream().filter(st -> !st.name().equals("Approval")).toList()))));
    }

    @Test
    void roleStoreAndTypeAreCompared() {
        assertEquals(List.of("roleArn: " + IDS.roleArn() + " <- arn:aws:iam::1:role/other",
                        "artifactStore: S3 " + IDS.artifactBucket() + " <- S3 other-bucket", "pipelineType: V2 <- V1"),
                format(diff(s -> new PipelineShape("arn:aws:iam::1:role/other", "S3", "other-bucket", "V1", s.stages()))));
    }

    @Test
    void aParentStillToBeCreatedDiffersFromAnyActualId() {
        PipelineState actual = new PipelineState("p-pipeline", "arn", PipelineShapes.desired(SPEC, IDS),
                new PipelineParents(IDS.roleArn(), IDS.artifactBucket(), IDS.buildProject(), null));
        assertEquals(List.of("stages[Approval].actions[Approval].configuration.NotificationArn: (to be created) <- "
                + IDS.approvalTopicArn()), format(reconciler.diff(SPEC, actual)));
    }

    @Test
    void everyChangeIsMutable() {
        diff(s -> withConfig(s, "Build", "ProjectName", "x")).forEach(c -> assertEquals(false, c.immutable()));
    }

    private List<FieldChange> diff(UnaryOperator<PipelineShape> edit) {
        PipelineShape actual = edit.apply(PipelineShapes.desired(SPEC, IDS));
        return reconciler.diff(SPEC, new PipelineState("p-pipeline", "arn", actual, IDS));
    }

    private static PipelineShape withConfig(PipelineShape s, String stage, String key, String value) {
        List<PipelineShape.Stage> stages = new ArrayList<>();
        for (PipelineShape.Stage st : s.stages()) {
            if (!st.name().equals(stage)) {
                stages.add(st);
                continue;
            }
            PipelineShape.Action a = st.actions().get(0);
            Map<String, String> config = new HashMap<>(a.configuration());
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
            stages.add(new PipelineShape.Stage(st.name(), List.of(new PipelineShape.Action(a.name(), a.category(),
                    a.owner(), a.provider(), a.version(), a.runOrder(), config, a.inputArtifacts(), a.outputArtifacts()))));
        }
        return new PipelineShape(s.roleArn(), s.artifactStoreType(), s.artifactStoreLocation(), s.pipelineType(), stages);
    }

    private static PipelineShape.Action action(PipelineShape shape, String stage) {
        return shape.stages().stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow().actions().get(0);
    }

    static List<String> format(List<FieldChange> changes) {
        return changes.stream().map(c -> c.field() + ": " + c.desired() + " <- " + c.actual()).toList();
    }

    private static ResourceKey key(String type, String name) {
        return new ResourceKey("us-east-1", type, name);
    }
}
