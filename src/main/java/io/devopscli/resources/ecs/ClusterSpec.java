package io.devopscli.resources.ecs;

/** An ECS cluster; containerInsights is the value of that cluster setting ("enabled"). */
public record ClusterSpec(String name, String containerInsights) {

    public static ClusterSpec withInsights(String name) {
        return new ClusterSpec(name, "enabled");
    }
}
