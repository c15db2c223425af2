package io.devopscli.topology;

/** One region of the topology: its name, its role and its VPC CIDR. */
public record RegionSpec(String name, Role role, String cidr) {
    public enum Role { PRIMARY, SECONDARY }

    public boolean isPrimary() {
        return role == Role.PRIMARY;
    }
}
