package io.devopscli.resources.elbv2;

import io.devopscli.aws.AwsCall;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Finds a load balancer by its AWS name and tells whether it is ours. Load balancer names are unique per
 * region and account, so the name finds at most one; its tags say whether it belongs to the project.
 */
final class LoadBalancerLookup {
    private LoadBalancerLookup() {
    }

    /** The load balancer with this AWS name, whoever owns it (LoadBalancerNotFound means none). */
    static Optional<LoadBalancer> byName(ElasticLoadBalancingV2Client elb, String physicalName) {
        return AwsCall.orEmpty(() -> elb.describeLoadBalancers(r -> r.names(physicalName)).loadBalancers())
                .flatMap(l -> l.stream().findFirst());
    }

    static Optional<LoadBalancer> byArn(ElasticLoadBalancingV2Client elb, String arn) {
        return AwsCall.orEmpty(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers())
                .flatMap(l -> l.stream().findFirst());
    }

    static boolean isOwned(ElasticLoadBalancingV2Client elb, LoadBalancer lb, String project, String name) {
        return ElbTags.ownedAndNamed(ElbTags.of(elb, lb.loadBalancerArn()), project, name);
    }

    /** The project's load balancer of this full name; a same-named one without our tags is not returned. */
    static Optional<LoadBalancer> owned(ElasticLoadBalancingV2Client elb, String project, String name) {
        return byName(elb, ElbNames.fit(name)).filter(lb -> isOwned(elb, lb, project, name));
    }
}
