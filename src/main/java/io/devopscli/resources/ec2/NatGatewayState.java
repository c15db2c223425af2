package io.devopscli.resources.ec2;

/**
 * An owned NAT gateway as observed: where it is (subnetId, allocationId) and, resolved by observe from
 * the parents' published ids, where it should be (wantedSubnetId, wantedAllocationId). Keeping both here
 * lets diff stay pure. A wanted id is null when that parent does not exist yet: it will be created in
 * this run, so the gateway cannot be sitting in it.
 */
public record NatGatewayState(String natGatewayId, String state, String subnetId, String allocationId,
                              String wantedSubnetId, String wantedAllocationId) {}
