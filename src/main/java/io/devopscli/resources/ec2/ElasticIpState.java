package io.devopscli.resources.ec2;

/**
 * An owned Elastic IP as observed. associationId is set while something (a NAT gateway's network
 * interface) holds the address.
 */
public record ElasticIpState(String allocationId, String publicIp, String domain, String associationId) {}
