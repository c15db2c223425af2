package io.devopscli.resources.ec2;

/** A VPC with DNS support and DNS hostnames on. Name is the full Name tag. The CIDR is immutable. */
public record VpcSpec(String name, String cidr) {}
