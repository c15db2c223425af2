package io.devopscli.resources.codepipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/** The wanted declaration built from the spec, and the conversions to and from the SDK's declaration. */
final class PipelineShapes {
    static final String SOURCE_OUTPUT = "SourceOutput";
    static final String BUILD_OUTPUT = "BuildOutput";
    /** The manual approval stage, right before the last environment's deploy. */
    static final String APPROVAL = "Approval";
    /** What the buildspec writes and the ECS deploy action reads. */
    static final String IMAGE_DEFINITIONS = "imagedefinitions.json";
    /** What diff shows for a parent id that does not exist yet. */
    static final String TO_BE_CREATED = "(to be created)";

    private PipelineShapes() {
    }

    static PipelineShape desired(DeliveryPipelineSpec spec, PipelineParents ids) {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("RepositoryName", spec.repositoryName());
        source.put("BranchName", spec.branch());
        // the EventBridge rule starts the pipeline on a push; polling as well would start it twice
        source.put("PollForSourceChanges", "false");
        Map<String, String> approval = new LinkedHashMap<>();
        approval.put("NotificationArn", orPlaceholder(ids.approvalTopicArn()));
        approval.put("CustomData", spec.approvalMessage());
        List<PipelineShape.Stage> stages = new ArrayList<>(List.of(
                stage("Source", action("Source", "Source", "AWS", "CodeCommit", source, List.of(), List.of(SOURCE_OUTPUT))),
                stage("Build", action("Build", "Build", "AWS", "CodeBuild",
                        Map.of("ProjectName", orPlaceholder(ids.buildProject())), List.of(SOURCE_OUTPUT),
                        List.of(BUILD_OUTPUT)))));
        List<DeliveryPipelineSpec.Deployment> deployments = spec.deployments();
        for (int i = 0; i < deployments.size(); i++) {
            if (i == deployments.size() - 1) {
                // a person approves before the last environment (production) gets the build
                stages.add(stage(APPROVAL, action(APPROVAL, "Approval", "AWS", "Manual", approval, List.of(), List.of())));
            }
            stages.add(deployStage(deployments.get(i).stageName(), spec, deployments.get(i).service()));
        }
        return new PipelineShape(orPlaceholder(ids.roleArn()), "S3", orPlaceholder(ids.artifactBucket()), "V2", stages);
    }

    /** The ECS deploy, then (with a scale step) the Scale action that applies the counts after a first image. */
    private static PipelineShape.Stage deployStage(String name, DeliveryPipelineSpec spec, String service) {
        PipelineShape.Action deploy = deploy(spec.clusterName(), service);
        if (spec.scale() == null || !spec.scale().counts().containsKey(service)) {
            return stage(name, deploy);
        }
        int[] c = spec.scale().counts().get(service);
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("ProjectName", spec.scale().projectName());
        configuration.put("EnvironmentVariables", "[" + variable("CLUSTER", spec.clusterName()) + ","
                + variable("SERVICE", service) + "," + variable("DESIRED", String.valueOf(c[0])) + ","
                + variable("MIN", String.valueOf(c[1])) + "," + variable("MAX", String.valueOf(c[2])) + "]");
        PipelineShape.Action scale = new PipelineShape.Action("Scale", "Build", "AWS", "CodeBuild", "1", 2,
                configuration, List.of(BUILD_OUTPUT), List.of());
        return new PipelineShape.Stage(name, List.of(deploy, scale));
    }

    private static String variable(String name, String value) {
        return "{\"name\":\"" + name + "\",\"value\":\"" + value + "\",\"type\":\"PLAINTEXT\"}";
    }

    static PipelineShape fromSdk(PipelineDeclaration p) {
        ArtifactStore store = p.artifactStore();
        return new PipelineShape(p.roleArn(), store == null ? null : store.typeAsString(),
                store == null ? null : store.location(),
                // V1 is what AWS assumes for a pipeline declared without a type
                p.pipelineType() == null ? "V1" : p.pipelineTypeAsString(),
                p.stages().stream().map(s -> new PipelineShape.Stage(s.name(),
                        s.actions().stream().map(PipelineShapes::fromSdk).toList())).toList());
    }

    static PipelineDeclaration toSdk(String name, PipelineShape shape) {
        return PipelineDeclaration.builder()
                .name(name)
                .roleArn(shape.roleArn())
                .artifactStore(ArtifactStore.builder().type(shape.artifactStoreType())
                        .location(shape.artifactStoreLocation()).build())
                .pipelineType(shape.pipelineType())
                .stages(shape.stages().stream().map(s -> StageDeclaration.builder().name(s.name())
                        .actions(s.actions().stream().map(PipelineShapes::toSdk).toList()).build()).toList())
                .build();
    }

    private static PipelineShape.Action fromSdk(ActionDeclaration a) {
        ActionTypeId t = a.actionTypeId();
        return new PipelineShape.Action(a.name(), t.categoryAsString(), t.ownerAsString(), t.provider(), t.version(),
                a.runOrder() == null ? 1 : a.runOrder(), a.configuration(),
                a.inputArtifacts().stream().map(InputArtifact::name).toList(),
                a.outputArtifacts().stream().map(OutputArtifact::name).toList());
    }

    private static ActionDeclaration toSdk(PipelineShape.Action a) {
        return ActionDeclaration.builder()
                .name(a.name())
                .actionTypeId(ActionTypeId.builder().category(a.category()).owner(a.owner()).provider(a.provider())
                        .version(a.version()).build())
                .runOrder(a.runOrder())
                .configuration(a.configuration())
                .inputArtifacts(a.inputArtifacts().stream().map(n -> InputArtifact.builder().name(n).build()).toList())
                .outputArtifacts(a.outputArtifacts().stream().map(n -> OutputArtifact.builder().name(n).build()).toList())
                .build();
    }

    private static PipelineShape.Stage stage(String name, PipelineShape.Action action) {
        return new PipelineShape.Stage(name, List.of(action));
    }

    private static PipelineShape.Action action(String name, String category, String owner, String provider,
                                               Map<String, String> configuration, List<String> in, List<String> out) {
        return new PipelineShape.Action(name, category, owner, provider, "1", 1, configuration, in, out);
    }

    private static PipelineShape.Action deploy(String cluster, String service) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("ClusterName", cluster);
        configuration.put("ServiceName", service);
        configuration.put("FileName", IMAGE_DEFINITIONS);
        return action("Deploy", "Deploy", "AWS", "ECS", configuration, List.of(BUILD_OUTPUT), List.of());
    }

    private static String orPlaceholder(String id) {
        return id == null ? TO_BE_CREATED : id;
    }
}
