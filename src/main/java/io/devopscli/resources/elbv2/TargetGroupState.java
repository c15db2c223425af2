package io.devopscli.resources.elbv2;

import io.devopscli.resources.elbv2.TargetGroupSpec.HealthCheck;

/** An owned target group as observed; diff maps the VPC id back to its graph key with the engine's Refs. */
public record TargetGroupState(String arn, String name, String vpcId, int port, String protocol, String targetType,
                               HealthCheck healthCheck, int deregistrationDelaySeconds) {}
