package io.devopscli.resources.ec2;

import io.devopscli.resources.ResourceTraits;

/** A VPC with DNS support and DNS hostnames on. Name is the full Name tag. The CIDR is immutable. */
public record VpcSpec(String name, String cidr) implements ResourceTraits {
    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }
}
