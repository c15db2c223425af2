package io.devopscli.resources.elbv2;

import io.devopscli.aws.AwsCall;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** Finds a target group by name or ARN, and says whether it is ours: shared by the reconciler and status. */
final class TargetGroupLookup {
    private TargetGroupLookup() {
    }

    static Optional<TargetGroup> byName(ElasticLoadBalancingV2Client elb, String physicalName) {
        return AwsCall.orEmpty(() -> elb.describeTargetGroups(r -> r.names(physicalName)).targetGroups())
                .flatMap(l -> l.stream().findFirst());
    }

    static Optional<TargetGroup> byArn(ElasticLoadBalancingV2Client elb, String arn) {
        return AwsCall.orEmpty(() -> elb.describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups())
                .flatMap(l -> l.stream().findFirst());
    }

    static boolean isOwned(ElasticLoadBalancingV2Client elb, TargetGroup tg, String project, String name) {
        return ElbTags.ownedAndNamed(ElbTags.of(elb, tg.targetGroupArn()), project, name);
    }

    /** @param name the full name (the Name tag); the AWS name is ElbNames.fit(name) */
    static Optional<TargetGroup> owned(ElasticLoadBalancingV2Client elb, String project, String name) {
        return byName(elb, ElbNames.fit(name)).filter(tg -> isOwned(elb, tg, project, name));
    }
}
