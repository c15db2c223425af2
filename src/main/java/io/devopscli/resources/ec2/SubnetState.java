package io.devopscli.resources.ec2;

/** What diff needs of a subnet; parents holds the VPC id as published when the subnet was observed. */
public record SubnetState(String id, String vpcId, String cidr, String availabilityZone, boolean mapPublicIpOnLaunch,
                          ParentIds parents) {}
