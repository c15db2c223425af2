package io.devopscli.resources.ec2;

import io.devopscli.engine.ResourceKey;

/** An internet gateway attached to the VPC. */
public record InternetGatewaySpec(String name, ResourceKey vpc) {}
