package io.devopscli.resources.cloudwatch;

import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.ParentIds;

/**
 * One dimension of an alarm's metric: a fixed value (a cluster or function name), or the CloudWatch
 * name of a load balancer or target group in the graph (elb), known only once that parent has an ARN.
 */
public record AlarmDimension(String name, String value, ResourceKey elb) {

    public static AlarmDimension of(String name, String value) {
        return new AlarmDimension(name, value, null);
    }

    public static AlarmDimension ofElb(String name, ResourceKey elb) {
        return new AlarmDimension(name, null, elb);
    }

    /** The value with the parent's published ARN; a parent without one yet renders as a placeholder. */
    public String resolve(ParentIds parents) {
        if (elb == null) {
            return value;
        }
        return parents.ids().containsKey(elb) ? ElbDimensions.of(parents.ids().get(elb)) : "(" + elb.name() + " not created yet)";
    }
}
