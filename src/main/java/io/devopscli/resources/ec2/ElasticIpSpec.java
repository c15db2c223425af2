package io.devopscli.resources.ec2;

/** An Elastic IP (domain vpc) for a NAT gateway, found by its tags. */
public record ElasticIpSpec(String name) {}
