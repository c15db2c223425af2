package io.devopscli.resources.ecs;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.ecs.ContainerFixture.CLUSTER;
import static io.devopscli.resources.ecs.ContainerFixture.CLUSTER_NAME;
import static io.devopscli.resources.ecs.ContainerFixture.FAMILY;
import static io.devopscli.resources.ecs.ContainerFixture.SERVICE;
import static io.devopscli.resources.ecs.ContainerFixture.SERVICE_NAME;
import static io.devopscli.resources.ecs.ContainerFixture.TASK_DEFINITION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

@EmulatorTest
class ServiceReconcilerEmulatorTest {
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
        harness = new EngineHarness(g -> parents.containers(g, ContainerFixture.taskDefinition("256"),
                ContainerFixture.service(2, 60)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
        outOfBand.close();
    }

    @Test
    void basicCreatesAPrivateFargateServiceBehindTheTargetGroup() {
        harness.up();

        Service s = describe();
        assertEquals(List.of("ACTIVE", "FARGATE", arn(1), 2), List.of(s.status(), s.launchTypeAsString(),
                s.taskDefinition(), s.desiredCount()));
        var vpc = s.networkConfiguration().awsvpcConfiguration();
        assertEquals(java.util.Set.of(parents.subnetA(), parents.subnetB()), java.util.Set.copyOf(vpc.subnets()));
        assertEquals(2, vpc.subnets().size());
        assertEquals(List.of(List.of(parents.securityGroup()), "DISABLED"),
                List.of(vpc.securityGroups(), vpc.assignPublicIpAsString()));
        assertEquals(List.of(parents.targetGroupArn(), "app", 8080), List.of(s.loadBalancers().get(0).targetGroupArn(),
                s.loadBalancers().get(0).containerName(), s.loadBalancers().get(0).containerPort()));
        assertEquals(List.of(true, true), List.of(s.deploymentConfiguration().deploymentCircuitBreaker().enable(),
                s.deploymentConfiguration().deploymentCircuitBreaker().rollback()));
        assertEquals(List.of(60, "SERVICE"), List.of(s.healthCheckGracePeriodSeconds(), s.propagateTagsAsString()));
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, SERVICE_NAME), EcsTags.asMap(s.tags()));
        assertEquals("PRIMARY", s.deployments().get(0).status());

        ServiceHealth.Counts counts = ServiceHealth.of(ecs, CLUSTER_NAME, SERVICE_NAME).orElseThrow();
        assertEquals(2, counts.desired());
        assertEquals(counts.desired(), counts.running() + counts.pending());
        assertTrue(ServiceHealth.of(ecs, CLUSTER_NAME, "no-such-service").isEmpty());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void theDesiredCountBelongsToAutoscalingAfterCreation() {
        harness.up();
        ecs.updateService(r -> r.cluster(CLUSTER_NAME).service(SERVICE_NAME).desiredCount(7));
        harness.desire(g -> parents.containers(g, ContainerFixture.taskDefinition("256"), ContainerFixture.service(3, 60)));

        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(7, describe().desiredCount(), "never reset");
    }

    @Test
    void settingsChangedByHandAreRepaired() {
        harness.up();
        ecs.updateService(r -> r.cluster(CLUSTER_NAME).service(SERVICE_NAME).healthCheckGracePeriodSeconds(0)
                .deploymentConfiguration(d -> d.deploymentCircuitBreaker(c -> c.enable(false).rollback(false))));

        Change change = EngineHarness.byKey(harness.plan()).get(SERVICE);
        assertEquals(List.of(FieldChange.of("deploymentCircuitBreaker", "enable=true rollback=true", "enable=false rollback=false"),
                FieldChange.of("healthCheckGracePeriodSeconds", 60, 0)), change.fields());
        harness.up();

        Service s = describe();
        assertEquals(List.of(true, 60), List.of(s.deploymentConfiguration().deploymentCircuitBreaker().enable(),
                s.healthCheckGracePeriodSeconds()));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void revisionsThePipelineDeploysAndRollsBackAreNotDrift() {
        harness.up();
        pipelineDeploys("4f2a9c1");
        assertEquals(arn(2), describe().taskDefinition());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()), "the pipeline's deploy");

        // the circuit breaker rolled back to revision 1; moving to 2 again would redo the failed deploy
        ecs.updateService(r -> r.cluster(CLUSTER_NAME).service(SERVICE_NAME).taskDefinition(arn(1)));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()), "a rollback");
    }

    @Test
    void aTaskDefinitionSpecChangeMovesTheServiceToTheNewRevisionInTheSameRun() {
        harness.up();
        pipelineDeploys("4f2a9c1");
        harness.desire(g -> parents.containers(g, ContainerFixture.taskDefinition("512"), ContainerFixture.service(2, 60)));

        var plan = EngineHarness.byKey(harness.plan());
        assertEquals(Action.UPDATE, plan.get(TASK_DEFINITION).action());
        assertEquals(List.of(FieldChange.of("taskDefinition", "(new revision of our task definition)", arn(2))),
                plan.get(SERVICE).fields());
        harness.up();

        assertEquals(arn(3), describe().taskDefinition());
        TaskDefinition running = ecs.describeTaskDefinition(r -> r.taskDefinition(arn(3))).taskDefinition();
        assertEquals(List.of("512", parents.repositoryUri() + ":4f2a9c1"),
                List.of(running.cpu(), running.containerDefinitions().get(0).image()));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        ecs.deleteService(r -> r.cluster(CLUSTER_NAME).service(SERVICE_NAME).force(true));

        assertEquals(List.of(new Change(SERVICE, Action.CREATE, List.of())),
                EngineHarness.mutations(harness.plan()).stream().filter(c -> c.key().type().startsWith("ecs/")).toList());
        harness.up();
        assertEquals("ACTIVE", describe().status());
    }

    @Test
    void destroyDrainsAndDeletesTheServiceThenTheCluster() {
        harness.up();
        harness.down();

        Service s = ecs.describeServices(r -> r.cluster(CLUSTER_NAME).services(SERVICE_NAME)).services().stream()
                .findFirst().orElse(null);
        assertTrue(s == null || ("INACTIVE".equals(s.status()) && s.desiredCount() == 0), () -> String.valueOf(s));
        var left = EngineHarness.byKey(harness.planDestroy());
        assertEquals(List.of(), List.of(SERVICE, TASK_DEFINITION, CLUSTER).stream().filter(left::containsKey).toList());
    }

    private void pipelineDeploys(String commit) {
        TaskDefinition td = ecs.describeTaskDefinition(r -> r.taskDefinition(FAMILY)).taskDefinition();
        ContainerDefinition c = td.containerDefinitions().get(0).toBuilder()
                .image(parents.repositoryUri() + ":" + commit).build();
        String arn = ecs.registerTaskDefinition(r -> r.family(FAMILY).cpu(td.cpu()).memory(td.memory())
                .networkMode(td.networkMode()).requiresCompatibilities(td.requiresCompatibilities())
                .executionRoleArn(td.executionRoleArn()).taskRoleArn(td.taskRoleArn()).containerDefinitions(c))
                .taskDefinition().taskDefinitionArn();
        ecs.updateService(r -> r.cluster(CLUSTER_NAME).service(SERVICE_NAME).taskDefinition(arn));
    }

    private Service describe() {
        return ecs.describeServices(r -> r.cluster(CLUSTER_NAME).services(SERVICE_NAME).include(ServiceField.TAGS))
                .services().get(0);
    }

    private static String arn(int revision) {
        return "arn:aws:ecs:us-east-1:123456789012:task-definition/" + FAMILY + ":" + revision;
    }
}
