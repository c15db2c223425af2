package io.devopscli.resources.ec2;

import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * A security group of the VPC with exactly these ingress rules; any other ingress rule (one opened by
 * hand) is drift and gets revoked. Egress is the AWS default: all traffic to 0.0.0.0/0.
 * Name and description are immutable (AWS cannot change them).
 */
public record SecurityGroupSpec(String name, ResourceKey vpc, String description, List<IngressRule> ingress) {
    public SecurityGroupSpec {
        ingress = List.copyOf(ingress);
    }

    /** tcp from..to, from either a CIDR or another security group of the graph. */
    public record IngressRule(int fromPort, int toPort, Optional<String> cidr, Optional<ResourceKey> sourceGroup,
                              String description) {
        public static IngressRule fromCidr(int port, String cidr, String description) {
            return new IngressRule(port, port, Optional.of(cidr), Optional.empty(), description);
        }

        public static IngressRule fromGroup(int port, ResourceKey group, String description) {
            return new IngressRule(port, port, Optional.empty(), Optional.of(group), description);
        }
    }
}
