package io.devopscli.resources.ecs;

/** An owned, active cluster as observed; containerInsights is "disabled" when the setting is absent. */
public record ClusterState(String name, String arn, String status, String containerInsights) {}
