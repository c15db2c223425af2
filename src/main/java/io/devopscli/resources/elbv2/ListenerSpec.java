package io.devopscli.resources.elbv2;

import io.devopscli.engine.ResourceKey;

/**
 * A listener of the load balancer, identified by its port. Its default action forwards to one target
 * group, or (defaultTargetGroup null) redirects to HTTPS on 443. An HTTPS listener names the node that
 * publishes its certificate's ARN (the certificate validation, so only an issued certificate is used) and
 * a TLS security policy. name is for the Name tag. Everything changes in place.
 */
public record ListenerSpec(String name, ResourceKey loadBalancer, String protocol, int port,
                           ResourceKey defaultTargetGroup, ResourceKey certificate, String sslPolicy) {
    /** TLS 1.3 and 1.2 only, forward secrecy: AWS's recommended policy for new listeners. */
    public static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /** HTTP on port 80, serving the given (production) target group by default. */
    public static ListenerSpec http(String name, ResourceKey loadBalancer, ResourceKey defaultTargetGroup) {
        return new ListenerSpec(name, loadBalancer, "HTTP", 80, defaultTargetGroup, null, null);
    }

    /** HTTP on port 80 answering every request with a permanent redirect to the same URL over HTTPS. */
    public static ListenerSpec redirectToHttps(String name, ResourceKey loadBalancer) {
        return new ListenerSpec(name, loadBalancer, "HTTP", 80, null, null, null);
    }

    /** HTTPS on port 443 with the certificate, serving the given (production) target group by default. */
    public static ListenerSpec https(String name, ResourceKey loadBalancer, ResourceKey defaultTargetGroup,
                                     ResourceKey certificate) {
        return new ListenerSpec(name, loadBalancer, "HTTPS", 443, defaultTargetGroup, certificate, TLS_POLICY);
    }

    public boolean redirects() {
        return defaultTargetGroup == null;
    }
}
