package io.devopscli.resources.autoscaling;

/**
 * A registered scalable target as observed. awaitingFirstImage: the service runs a revision whose image
 * nothing has built yet (FirstImage), so the target is held at min 0 / max 0.
 */
public record ScalableTargetState(String resourceId, String arn, int minCapacity, int maxCapacity,
                                  boolean awaitingFirstImage) {
    public ScalableTargetState(String resourceId, String arn, int minCapacity, int maxCapacity) {
        this(resourceId, arn, minCapacity, maxCapacity, false);
    }

    ScalableTargetState awaiting(boolean awaiting) {
        return new ScalableTargetState(resourceId, arn, minCapacity, maxCapacity, awaiting);
    }
}
