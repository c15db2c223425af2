package io.devopscli.topology;

import java.util.Map;

/** The containerised application and its environments (staging, production). */
public record AppSpec(String name, int port, String healthCheckPath, int cpu, int memory,
                      Map<String, EnvironmentSpec> environments, AutoscalingSpec autoscaling) {
    public AppSpec {
        environments = Map.copyOf(environments);
    }

    public record EnvironmentSpec(int desired, int min, int max) {}

    public record AutoscalingSpec(int cpuTarget, int memoryTarget) {}
}
