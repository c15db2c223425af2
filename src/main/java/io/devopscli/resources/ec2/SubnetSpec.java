package io.devopscli.resources.ec2;

import io.devopscli.engine.ResourceKey;

/** A subnet of the VPC; public ones map public IPs on launch. CIDR, AZ and VPC are immutable. */
public record SubnetSpec(String name, ResourceKey vpc, String cidr, String availabilityZone, boolean isPublic) {}
