package io.devopscli.resources.ecs;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.ecs.ContainerFixture.FAMILY;
import static io.devopscli.resources.ecs.ContainerFixture.TASK_DEFINITION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.RegionGraph;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

@EmulatorTest
class TaskDefinitionReconcilerEmulatorTest {
    private EngineHarness harness;
    private AwsClients outOfBand;
    private EcsClient ecs;
    private ContainerFixture parents;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        outOfBand = Emulator.clients(EngineHarness.REGION);
        ecs = outOfBand.ecs();
        parents = ContainerFixture.make(outOfBand);
        harness = new EngineHarness(g -> graph(g, "256"));
    }

    @AfterEach
    void tearDown() {
        harness.close();
        outOfBand.close();
    }

    private void graph(RegionGraph g, String cpu) {
        parents.parents(g);
        g.add(TASK_DEFINITION, new TaskDefinitionReconciler(), ContainerFixture.taskDefinition(cpu),
                ContainerFixture.REPOSITORY, ContainerFixture.LOG_GROUP, ContainerFixture.EXECUTION_ROLE,
                ContainerFixture.TASK_ROLE);
    }

    @Test
    void basicRegistersAFargateRevisionWithTheBootstrapImage() {
        harness.up();

        DescribeTaskDefinitionResponse found = latest();
        TaskDefinition td = found.taskDefinition();
        assertEquals(List.of(1, "256", "512", "awsvpc", List.of("FARGATE")),
                List.of(td.revision(), td.cpu(), td.memory(), td.networkModeAsString(), td.requiresCompatibilitiesAsStrings()));
        assertEquals(List.of(parents.executionRoleArn(), parents.taskRoleArn()), List.of(td.executionRoleArn(), td.taskRoleArn()));
        ContainerDefinition c = td.containerDefinitions().get(0);
        assertEquals(parents.repositoryUri() + ":" + ContainerFixture.BUILT_TAG, c.image());
        assertEquals("app", c.name());
        assertEquals(8080, c.portMappings().get(0).containerPort());
        assertEquals(Map.of("APP_NAME", "app", "APP_ENVIRONMENT", "staging", "AWS_REGION", "us-east-1",
                "HEALTH_CHECK_PATH", "/health", "APP_PORT", "8080"),
                c.environment().stream().collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value)));
        assertEquals("awslogs", c.logConfiguration().logDriverAsString());
        assertEquals(Map.of("awslogs-group", parents.logGroup(), "awslogs-region", "us-east-1",
                "awslogs-stream-prefix", "app"), c.logConfiguration().options());
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, FAMILY), EcsTags.asMap(found.tags()));
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void aRevisionThePipelineRegisteredWithANewImageIsNotDrift() {
        harness.up();
        // as the pipeline's ECS deploy does: the same definition with the build's image, here without our tags
        registerLike(latest().taskDefinition(), parents.repositoryUri() + ":4f2a9c1", "256");

        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aSpecChangeRegistersANewRevisionKeepingThePipelinesImage() {
        harness.up();
        registerLike(latest().taskDefinition(), parents.repositoryUri() + ":4f2a9c1", "256");
        harness.desire(g -> graph(g, "512"));

        Change change = EngineHarness.byKey(harness.plan()).get(TASK_DEFINITION);
        assertEquals(new Change(TASK_DEFINITION, Action.UPDATE, List.of(FieldChange.of("cpu", "512", "256"))), change);
        harness.up();

        TaskDefinition td = latest().taskDefinition();
        assertEquals(List.of(3, "512", parents.repositoryUri() + ":4f2a9c1"),
                List.of(td.revision(), td.cpu(), td.containerDefinitions().get(0).image()));
        assertEquals(3, activeRevisions(), "earlier revisions stay for rollbacks: never edited in place");
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aRevisionChangedByHandIsRepairedByANewRevision() {
        harness.up();
        registerLike(latest().taskDefinition(), parents.repositoryUri() + ":hotfix", "1024");

        Change change = EngineHarness.byKey(harness.plan()).get(TASK_DEFINITION);
        assertEquals(List.of(FieldChange.of("cpu", "256", "1024")), change.fields());
        harness.up();

        TaskDefinition td = latest().taskDefinition();
        assertEquals(List.of(3, "256", parents.repositoryUri() + ":hotfix"),
                List.of(td.revision(), td.cpu(), td.containerDefinitions().get(0).image()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(FAMILY + ":1"));

        assertEquals(List.of(new Change(TASK_DEFINITION, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(2, TaskDefinitionStatus.ACTIVE), List.of(latest().taskDefinition().revision(),
                latest().taskDefinition().status()));
    }

    @Test
    void destroyDeregistersAndDeletesEveryRevisionOfTheFamily() {
        harness.up();
        registerLike(latest().taskDefinition(), parents.repositoryUri() + ":4f2a9c1", "256");

        harness.down();
        assertEquals(0, activeRevisions());
        assertTrue(ecs.listTaskDefinitions(r -> r.familyPrefix(FAMILY).status(TaskDefinitionStatus.INACTIVE))
                .taskDefinitionArns().isEmpty(), "inactive revisions deleted too");
        assertEquals(null, EngineHarness.byKey(harness.planDestroy()).get(TASK_DEFINITION), "nothing left to delete");
    }

    @Test
    void aFamilyOfSomeoneElseIsNeitherAdoptedNorExtended() {
        ecs.registerTaskDefinition(r -> r.family(FAMILY).containerDefinitions(c -> c.name("x").image("x").memory(128)));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(TASK_DEFINITION).action());
        NodeResult result = harness.apply(harness.plan()).results().stream()
                .filter(r -> r.key().equals(TASK_DEFINITION)).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("not owned by devops-cli"), result.message());
        harness.down();
        assertEquals(1, activeRevisions());
    }

    private DescribeTaskDefinitionResponse latest() {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(FAMILY).include(TaskDefinitionField.TAGS));
    }

    private long activeRevisions() {
        return ecs.listTaskDefinitions(r -> r.familyPrefix(FAMILY).status(TaskDefinitionStatus.ACTIVE))
                .taskDefinitionArns().size();
    }

    /** What a deploy or a person at the console registers: a copy with another image and cpu, untagged. */
    private void registerLike(TaskDefinition td, String image, String cpu) {
        ContainerDefinition c = td.containerDefinitions().get(0).toBuilder().image(image).build();
        ecs.registerTaskDefinition(r -> r.family(td.family()).cpu(cpu).memory(td.memory())
                .networkMode(td.networkMode()).requiresCompatibilities(td.requiresCompatibilities())
                .executionRoleArn(td.executionRoleArn()).taskRoleArn(td.taskRoleArn()).containerDefinitions(c));
    }
}
