package io.devopscli.resources.ec2;

import io.devopscli.engine.ResourceKey;

/** VPC flow logs (traffic type ALL) to a CloudWatch Logs group through an IAM role. All immutable. */
public record FlowLogSpec(String name, ResourceKey vpc, ResourceKey logGroup, ResourceKey role) {}
