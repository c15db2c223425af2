package io.devopscli.resources.ec2;

import io.devopscli.engine.ResourceKey;

/** A public NAT gateway in a public subnet with an Elastic IP. Both are immutable. */
public record NatGatewaySpec(String name, ResourceKey subnet, ResourceKey elasticIp) {}
