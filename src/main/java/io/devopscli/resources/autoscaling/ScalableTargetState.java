package io.devopscli.resources.autoscaling;

/** A registered scalable target as observed. */
public record ScalableTargetState(String resourceId, String arn, int minCapacity, int maxCapacity) {}
