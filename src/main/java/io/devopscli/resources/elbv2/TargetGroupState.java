package io.devopscli.resources.elbv2;

import io.devopscli.resources.ec2.ParentIds;
import io.devopscli.resources.elbv2.TargetGroupSpec.HealthCheck;

/** An owned target group as observed; parents maps the VPC id back to its graph key for diff. */
public record TargetGroupState(String arn, String name, String vpcId, int port, String protocol, String targetType,
                               HealthCheck healthCheck, int deregistrationDelaySeconds, ParentIds parents) {}
