package io.devopscli.resources.cloudwatch;

/**
 * CloudWatch names a load balancer or target group by the tail of its ARN: LoadBalancer = "app/NAME/ID"
 * (the ARN's resource after "loadbalancer/"), TargetGroup = "targetgroup/NAME/ID" (the whole resource).
 */
public final class ElbDimensions {
    private static final String LOAD_BALANCER = "loadbalancer/";

    private ElbDimensions() {
    }

    /** The dimension value of an elasticloadbalancing ARN, either kind. */
    public static String of(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("elasticloadbalancing")) {
            throw new IllegalArgumentException("not an elasticloadbalancing ARN: " + arn);
        }
        String resource = parts[5];
        return resource.startsWith(LOAD_BALANCER) ? resource.substring(LOAD_BALANCER.length()) : resource;
    }
}
