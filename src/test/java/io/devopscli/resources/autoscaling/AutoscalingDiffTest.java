package io.devopscli.resources.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoscalingDiffTest {
    private static final ResourceKey SERVICE = new ResourceKey("us-east-1", "ecs/service", "production");
    private static final ResourceKey TARGET = new ResourceKey("us-east-1", "autoscaling/scalable-target", "production");

    @ParameterizedTest(name = "actual {0}..{1}")
    @CsvSource({"2, 10, ''", "1, 10, minCapacity", "2, 4, maxCapacity", "0, 1, minCapacity maxCapacity"})
    void minAndMaxAreMutable(int min, int max, String changed) {
        List<FieldChange> changes = new ScalableTargetReconciler().diff(new ScalableTargetSpec("p-app-production", SERVICE, 2, 10),
                new ScalableTargetState("service/p-cluster/app-production", "arn:t", min, max));
        assertEquals(changed, String.join(" ", changes.stream().map(FieldChange::field).toList()));
    }

    private static ScalingPolicyState policy(String type, String metric, Double target, int in, int out, boolean noScaleIn) {
        return new ScalingPolicyState("p-production-cpu", "arn:p", "service/p-cluster/app-production", type, metric,
                target, in, out, noScaleIn);
    }

    @Test
    void aPolicyAsPutHasNoDrift() {
        assertEquals(List.of(), new ScalingPolicyReconciler().diff(ScalingPolicySpec.cpu("p-production-cpu", TARGET, 70),
                policy("TargetTrackingScaling", ScalingPolicySpec.CPU, 70.0, 300, 60, false)));
    }

    @Test
    void aTargetValueChangedByHandIsDrift() {
        assertEquals(List.of(FieldChange.of("targetValue", 70.0, 95.0)), new ScalingPolicyReconciler().diff(
                ScalingPolicySpec.cpu("p-production-cpu", TARGET, 70),
                policy("TargetTrackingScaling", ScalingPolicySpec.CPU, 95.0, 300, 60, false)));
    }

    @Test
    void metricTypeCooldownsAndScaleInAreDrift() {
        List<String> fields = new ScalingPolicyReconciler().diff(ScalingPolicySpec.memory("p-production-memory", TARGET, 75),
                policy("StepScaling", ScalingPolicySpec.CPU, 75.0, 0, 0, true)).stream().map(FieldChange::field).toList();
        assertEquals(List.of("policyType", "metric", "scaleInCooldown", "scaleOutCooldown", "disableScaleIn"), fields);
    }
}
