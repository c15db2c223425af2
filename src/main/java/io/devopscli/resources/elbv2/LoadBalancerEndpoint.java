package io.devopscli.resources.elbv2;

import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Read-only query for `status`: the DNS name of the project's load balancer, found the same way the
 * reconciler finds it (name, then ownership tags). Empty when there is none that is ours.
 */
public final class LoadBalancerEndpoint {
    private final ElasticLoadBalancingV2Client elb;

    public LoadBalancerEndpoint(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** @param name the full name, as in LoadBalancerSpec.name() ("P-alb") */
    public Optional<String> dnsName(String project, String name) {
        return LoadBalancerLookup.owned(elb, project, name).map(lb -> lb.dnsName());
    }

    /**
     * What a Route 53 alias record needs to point at the load balancer: its DNS name and the hosted zone
     * AWS serves that name from (per region, not the project's zone).
     */
    public Optional<Alias> alias(String project, String name) {
        return LoadBalancerLookup.owned(elb, project, name).map(lb -> new Alias(lb.dnsName(), lb.canonicalHostedZoneId()));
    }

    public record Alias(String dnsName, String canonicalHostedZoneId) {}

    /** The URL to probe: production is served on the listener's default action at port 80. */
    public Optional<String> url(String project, String name) {
        return url(project, name, false);
    }

    /** With HTTPS on, port 80 only redirects: the app answers on 443. */
    public Optional<String> url(String project, String name, boolean https) {
        return dnsName(project, name).map(dns -> urlFor(dns, https));
    }

    /** The URL to probe at a load balancer's DNS name. */
    public static String urlFor(String dnsName, boolean https) {
        return (https ? "https://" : "http://") + dnsName + "/";
    }
}
