package io.devopscli.resources.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class TaskDefinitionDiffTest {
    private static final String EXEC = "arn:aws:iam::1:role/p-task-exec-us-east-1";
    private static final String TASK = "arn:aws:iam::1:role/p-task-us-east-1";
    private static final TaskDefinitionState.Wanted WANTED =
            new TaskDefinitionState.Wanted("us-east-1", "/p/app/staging", EXEC, TASK);
    private static final TaskDefinitionSpec SPEC = spec("256");

    private final TaskDefinitionReconciler reconciler = new TaskDefinitionReconciler();

    static TaskDefinitionSpec spec(String cpu) {
        return new TaskDefinitionSpec("p-app-staging", cpu, "512", "app", 8080,
                TaskDefinitionSpec.appEnvironment("app", "staging", "us-east-1", "/health", 8080),
                key("ecr/repository", "app"), "bootstrap", key("logs/log-group", "app-staging"), "app",
                key("iam/role", "task-execution"), key("iam/role", "task"));
    }

    private static ResourceKey key(String type, String name) {
        return new ResourceKey("us-east-1", type, name);
    }

    /** A revision as ECS describes it, as registered from SPEC with the given image; edit changes one thing. */
    private static TaskDefinition revision(String image, UnaryOperator<ContainerDefinition.Builder> container,
                                           UnaryOperator<TaskDefinition.Builder> edit) {
        ContainerDefinition c = container.apply(ContainerDefinition.builder().name("app").image(image).cpu(0)
                .essential(true).portMappings(p -> p.containerPort(8080).hostPort(8080).protocol("tcp"))
                .environment(SPEC.environment().entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .logConfiguration(l -> l.logDriver("awslogs").options(Map.of("awslogs-group", "/p/app/staging",
                        "awslogs-region", "us-east-1", "awslogs-stream-prefix", "app")))).build();
        return edit.apply(TaskDefinition.builder().taskDefinitionArn("arn:aws:ecs:us-east-1:1:task-definition/p-app-staging:7")
                .family("p-app-staging").revision(7).cpu("256").memory("512").networkMode("awsvpc")
                .requiresCompatibilitiesWithStrings("FARGATE").compatibilitiesWithStrings("EC2", "FARGATE")
                .executionRoleArn(EXEC).taskRoleArn(TASK).status("ACTIVE").containerDefinitions(c)).build();
    }

    private List<String> fields(TaskDefinition def, boolean tagged, TaskDefinitionState.Wanted wanted) {
        return reconciler.diff(SPEC, TaskDefinitionReconciler.state(def, tagged, wanted)).stream()
                .map(FieldChange::field).toList();
    }

    @Test
    void aRevisionAsRegisteredHasNoDrift() {
        assertEquals(List.of(), fields(revision("1.dkr.ecr/p-app:bootstrap", c -> c, t -> t), true, WANTED));
    }

    @Test
    void theImageBelongsToThePipelineAndIsNeverDrift() {
        assertEquals(List.of(), fields(revision("1.dkr.ecr/p-app:4f2a9c1", c -> c, t -> t), true, WANTED));
    }

    @Test
    void eachManagedFieldIsDrift() {
        assertEquals(List.of("cpu"), fields(revision("i", c -> c, t -> t.cpu("1024")), true, WANTED));
        assertEquals(List.of("memory"), fields(revision("i", c -> c, t -> t.memory("2048")), true, WANTED));
        assertEquals(List.of("networkMode"), fields(revision("i", c -> c, t -> t.networkMode("bridge")), true, WANTED));
        assertEquals(List.of("requiresCompatibilities"),
                fields(revision("i", c -> c, t -> t.requiresCompatibilitiesWithStrings("EC2")), true, WANTED));
        assertEquals(List.of("container"), fields(revision("i", c -> c.portMappings(p -> p.containerPort(9090)),
                t -> t), true, WANTED));
        assertEquals(List.of("environment"), fields(revision("i", c -> c.environment(
                KeyValuePair.builder().name("APP_NAME").value("app").build()), t -> t), true, WANTED));
        assertEquals(List.of("logConfiguration"), fields(revision("i", c -> c.logConfiguration(l -> l.logDriver("awslogs")
                .options(Map.of("awslogs-group", "/elsewhere", "awslogs-region", "us-east-1",
                        "awslogs-stream-prefix", "app"))), t -> t), true, WANTED));
        assertEquals(List.of("executionRole"), fields(revision("i", c -> c, t -> t.executionRoleArn("arn:x")), true, WANTED));
        assertEquals(List.of("taskRole"), fields(revision("i", c -> c, t -> t.taskRoleArn(null)), true, WANTED));
    }

    @Test
    void aLatestRevisionThePipelineRegisteredWithoutOurTagsIsNotDrift() {
        assertEquals(List.of(), fields(revision("i", c -> c, t -> t), false, WANTED));
    }

    @Test
    void parentsNotCreatedYetAreDrift() {
        var pending = new TaskDefinitionState.Wanted("us-east-1", "/p/app/staging", TaskDefinitionReconciler.TO_BE_CREATED, TASK);
        List<FieldChange> changes = reconciler.diff(SPEC, TaskDefinitionReconciler.state(revision("i", c -> c, t -> t),
                true, pending));
        assertEquals(List.of(FieldChange.of("executionRole", "(to be created)", EXEC)), changes);
    }

    @Test
    void aSecondContainerIsDrift() {
        var sidecar = ContainerDefinition.builder().name("sidecar").image("x").build();
        TaskDefinition def = revision("i", c -> c, t -> t);
        def = def.toBuilder().containerDefinitions(def.containerDefinitions().get(0), sidecar).build();
        assertEquals(List.of("container"), fields(def, true, WANTED));
    }

    @Test
    void familyAndRevisionAreReadFromTheArn() {
        String arn = "arn:aws:ecs:us-east-1:1:task-definition/p-app-staging:12";
        assertEquals("p-app-staging", TaskDefinitionReconciler.familyOf(arn));
        assertEquals(12, TaskDefinitionReconciler.revisionOf(arn));
        assertTrue(TaskDefinitionSpec.appEnvironment("a", "staging", "eu-west-1", "/h", 80).keySet()
                .containsAll(List.of("APP_NAME", "APP_ENVIRONMENT", "AWS_REGION", "HEALTH_CHECK_PATH", "APP_PORT")));
    }
}
