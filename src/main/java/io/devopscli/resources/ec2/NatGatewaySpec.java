package io.devopscli.resources.ec2;

import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ResourceTraits;

/** A public NAT gateway in a public subnet with an Elastic IP. Both are immutable. */
public record NatGatewaySpec(String name, ResourceKey subnet, ResourceKey elasticIp) implements ResourceTraits {
    /** NAT gateway: 1.5 to 2 minutes to become available on AWS; routes through it wait for it. */
    public static final double SECONDS_TO_AVAILABLE = 105;

    @Override
    public double secondsToCreateOnAws() {
        return SECONDS_TO_AVAILABLE;
    }

    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }
}
