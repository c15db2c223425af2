package io.devopscli.topology;

/** Route 53 failover: the hosted zone and the domain that points at the active region. */
public record FailoverSpec(String hostedZone, String domain) {}
