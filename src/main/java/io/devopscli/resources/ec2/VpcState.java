package io.devopscli.resources.ec2;

/** What diff needs of a VPC: its CIDR and the two DNS attributes. */
public record VpcState(String id, String cidr, String state, boolean dnsSupport, boolean dnsHostnames) {}
