package io.devopscli.resources.elbv2;

import io.devopscli.engine.ResourceKey;

/**
 * A listener of the load balancer, identified by its port, whose default action forwards to one target
 * group. name is for the Name tag. Protocol and the default target group change in place.
 */
public record ListenerSpec(String name, ResourceKey loadBalancer, String protocol, int port,
                           ResourceKey defaultTargetGroup) {

    /** HTTP on port 80, serving the given (production) target group by default. */
    public static ListenerSpec http(String name, ResourceKey loadBalancer, ResourceKey defaultTargetGroup) {
        return new ListenerSpec(name, loadBalancer, "HTTP", 80, defaultTargetGroup);
    }
}
