package io.devopscli.resources.cloudwatch;

import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Refs;

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
    public String resolve(Refs parents) {
        if (elb == null) {
            return value;
        }
        return parents.idOf(elb).map(ElbDimensions::of).orElse("(" + elb.name() + " not created yet)");
    }
}
