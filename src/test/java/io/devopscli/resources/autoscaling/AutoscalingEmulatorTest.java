package io.devopscli.resources.autoscaling;

import static io.devopscli.resources.EngineHarness.key;
import static io.devopscli.resources.ecs.ContainerFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.ecs.ContainerFixture;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;

/** The scalable target and both target tracking policies of the staging service, on the real service node. */
@EmulatorTest
class AutoscalingEmulatorTest {
    private static final ResourceKey TARGET = key("autoscaling/scalable-target", "staging");
    private static final ResourceKey CPU = key("autoscaling/scaling-policy", "staging-cpu");
    private static final ResourceKey MEMORY = key("autoscaling/scaling-policy", "staging-memory");
    private static final String RESOURCE_ID = "service/" + ContainerFixture.CLUSTER_NAME + "/" + ContainerFixture.SERVICE_NAME;
    private static final String CPU_NAME = "natproj-app-staging-cpu";
    private static final String MEMORY_NAME = "natproj-app-staging-memory";

    private EngineHarness harness;
    private AwsClients outOfBand;
    private ApplicationAutoScalingClient aas;
    private ContainerFixture parents;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        outOfBand = Emulator.clients(EngineHarness.REGION);
        aas = outOfBand.autoscaling();
        parents = ContainerFixture.make(outOfBand);
        harness = new EngineHarness(g -> graph(g, 10, 70));
    }

    @AfterEach
    void tearDown() {
        harness.close();
        outOfBand.close();
    }

    private void graph(RegionGraph g, int max, double cpuTarget) {
        parents.containers(g, ContainerFixture.taskDefinition("256"), ContainerFixture.service(2, 60));
        g.add(TARGET, new ScalableTargetReconciler(), new ScalableTargetSpec("natproj-app-staging", SERVICE, 2, max), SERVICE);
        g.add(CPU, new ScalingPolicyReconciler(), ScalingPolicySpec.cpu(CPU_NAME, TARGET, cpuTarget), TARGET);
        g.add(MEMORY, new ScalingPolicyReconciler(), ScalingPolicySpec.memory(MEMORY_NAME, TARGET, 75), TARGET);
    }

    @Test
    void basicRegistersTheTargetAndBothPolicies() {
        harness.up();

        ScalableTarget target = targets().get(0);
        assertEquals(List.of(RESOURCE_ID, "ecs:service:DesiredCount", 2, 10), List.of(target.resourceId(),
                target.scalableDimensionAsString(), target.minCapacity(), target.maxCapacity()));
        Map<String, ScalingPolicy> policies = policies();
        assertEquals(List.of(CPU_NAME, MEMORY_NAME), policies.keySet().stream().sorted().toList());
        var cpu = policies.get(CPU_NAME);
        assertEquals(PolicyType.TARGET_TRACKING_SCALING, cpu.policyType());
        var config = cpu.targetTrackingScalingPolicyConfiguration();
        assertEquals(List.of("ECSServiceAverageCPUUtilization", 70.0, 300, 60), List.of(
                config.predefinedMetricSpecification().predefinedMetricTypeAsString(), config.targetValue(),
                config.scaleInCooldown(), config.scaleOutCooldown()));
        assertEquals("ECSServiceAverageMemoryUtilization", policies.get(MEMORY_NAME)
                .targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification().predefinedMetricTypeAsString());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void aTargetValueChangedByHandIsFoundAndRepaired() {
        harness.up();
        aas.putScalingPolicy(r -> r.policyName(CPU_NAME).serviceNamespace("ecs").scalableDimension("ecs:service:DesiredCount")
                .resourceId(RESOURCE_ID).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(95.0).scaleInCooldown(300).scaleOutCooldown(60)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType("ECSServiceAverageCPUUtilization"))));

        assertEquals(List.of(new Change(CPU, Action.UPDATE, List.of(FieldChange.of("targetValue", 70.0, 95.0)))),
                EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(70.0, policies().get(CPU_NAME).targetTrackingScalingPolicyConfiguration().targetValue());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void capacityChangedByHandOrInTheSpecIsApplied() {
        harness.up();
        aas.registerScalableTarget(r -> r.serviceNamespace("ecs").scalableDimension("ecs:service:DesiredCount")
                .resourceId(RESOURCE_ID).minCapacity(1).maxCapacity(3));
        harness.desire(g -> graph(g, 6, 70));

        assertEquals(List.of(new Change(TARGET, Action.UPDATE, List.of(FieldChange.of("minCapacity", 2, 1),
                FieldChange.of("maxCapacity", 6, 3)))), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(2, 6), List.of(targets().get(0).minCapacity(), targets().get(0).maxCapacity()));
    }

    @Test
    void aPolicyDeletedByHandIsPlannedAsOneCreate() {
        harness.up();
        aas.deleteScalingPolicy(r -> r.policyName(MEMORY_NAME).serviceNamespace("ecs")
                .scalableDimension("ecs:service:DesiredCount").resourceId(RESOURCE_ID));

        assertEquals(List.of(new Change(MEMORY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(2, policies().size());
    }

    @Test
    void aTargetDeregisteredByHandIsPlannedAsOneCreateWithItsPolicies() {
        harness.up();
        aas.deregisterScalableTarget(r -> r.serviceNamespace("ecs").scalableDimension("ecs:service:DesiredCount")
                .resourceId(RESOURCE_ID));

        // AWS deletes a target's policies with it, so they are planned again too (found under the target only)
        List<Change> mutations = EngineHarness.mutations(harness.plan());
        assertEquals(List.of(new Change(TARGET, Action.CREATE, List.of())),
                mutations.stream().filter(c -> c.key().equals(TARGET)).toList());
        assertEquals(List.of(TARGET, CPU, MEMORY), mutations.stream().map(Change::key).sorted().toList());
        harness.up();
        assertEquals(1, targets().size());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void destroyRemovesPoliciesAndTarget() {
        harness.up();
        harness.down();
        assertTrue(targets().isEmpty());
        assertTrue(policies().isEmpty());
    }

    private List<ScalableTarget> targets() {
        return aas.describeScalableTargets(r -> r.serviceNamespace("ecs")).scalableTargets();
    }

    private Map<String, ScalingPolicy> policies() {
        return aas.describeScalingPolicies(r -> r.serviceNamespace("ecs")).scalingPolicies().stream()
                .collect(Collectors.toMap(ScalingPolicy::policyName, p -> p));
    }
}
