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

    /** The URL to probe: production is served on the listener's default action at port 80. */
    public Optional<String> url(String project, String name) {
        return dnsName(project, name).map(dns -> "http://" + dns + "/");
    }
}
