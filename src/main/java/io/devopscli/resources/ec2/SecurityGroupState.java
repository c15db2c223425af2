package io.devopscli.resources.ec2;

import java.util.List;

/**
 * What diff needs of a security group: its immutable name, description and VPC, and its ingress rules
 * one source each, by physical id (diff maps the VPC's and source groups' ids back to graph keys with Refs).
 */
public record SecurityGroupState(String id, String groupName, String description, String vpcId, List<Rule> ingress) {
    public SecurityGroupState {
        ingress = List.copyOf(ingress);
    }

    public enum SourceType { CIDR, IPV6_CIDR, GROUP, PREFIX_LIST }

    /** One ingress rule with one source; protocol "-1" means all traffic (no ports). */
    public record Rule(String protocol, Integer fromPort, Integer toPort, SourceType sourceType, String source) {}
}
