package io.devopscli.resources.autoscaling;

/** A scaling policy as observed; metric is null for a policy not on a predefined metric. */
public record ScalingPolicyState(String name, String arn, String resourceId, String policyType, String metric,
                                 Double targetValue, Integer scaleInCooldownSeconds, Integer scaleOutCooldownSeconds,
                                 Boolean disableScaleIn) {}
