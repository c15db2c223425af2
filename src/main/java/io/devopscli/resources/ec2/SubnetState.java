package io.devopscli.resources.ec2;

/** What diff needs of a subnet; the engine hands diff the VPC's id (Refs) to compare vpcId with. */
public record SubnetState(String id, String vpcId, String cidr, String availabilityZone, boolean mapPublicIpOnLaunch) {}
