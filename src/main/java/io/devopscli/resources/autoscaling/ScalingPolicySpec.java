package io.devopscli.resources.autoscaling;

import io.devopscli.engine.ResourceKey;

/**
 * A target tracking policy on a scalable target: keep a predefined metric (ECSServiceAverageCPUUtilization
 * or ECSServiceAverageMemoryUtilization) at targetValue percent. Found by name under its target.
 */
public record ScalingPolicySpec(String name, ResourceKey scalableTarget, String metric, double targetValue,
                                int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {
    public static final String CPU = "ECSServiceAverageCPUUtilization";
    public static final String MEMORY = "ECSServiceAverageMemoryUtilization";
    /** Scale out fast (a minute), scale in slowly (five), so a short dip does not drop tasks. */
    public static final int SCALE_OUT_COOLDOWN = 60;
    public static final int SCALE_IN_COOLDOWN = 300;

    public static ScalingPolicySpec cpu(String name, ResourceKey target, double targetValue) {
        return new ScalingPolicySpec(name, target, CPU, targetValue, SCALE_IN_COOLDOWN, SCALE_OUT_COOLDOWN);
    }

    public static ScalingPolicySpec memory(String name, ResourceKey target, double targetValue) {
        return new ScalingPolicySpec(name, target, MEMORY, targetValue, SCALE_IN_COOLDOWN, SCALE_OUT_COOLDOWN);
    }
}
