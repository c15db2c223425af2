package io.devopscli.topology;

import java.util.Map;

/** The containerised application and its environments (staging, production). */
public record AppSpec(String name, int port, String healthCheckPath, int cpu, int memory,
                      Map<String, EnvironmentSpec> environments, AutoscalingSpec autoscaling,
                      Map<String, SecretRef> secrets) {
    public AppSpec {
        environments = Map.copyOf(environments);
        secrets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(secrets));
    }

    public AppSpec(String name, int port, String healthCheckPath, int cpu, int memory,
                   Map<String, EnvironmentSpec> environments, AutoscalingSpec autoscaling) {
        this(name, port, healthCheckPath, cpu, memory, environments, autoscaling, Map.of());
    }

    /**
     * Where an app secret's value lives: an SSM parameter (source "ssm", name "/acme/db-password") or a
     * Secrets Manager secret (source "secretsmanager", name "acme/api"). Only the reference is held here;
     * the value never passes through the tool.
     */
    public record SecretRef(String source, String name) {
        public static final String SSM = "ssm";
        public static final String SECRETS_MANAGER = "secretsmanager";

        @Override
        public String toString() {
            return source + ":" + name;
        }
    }

    public record EnvironmentSpec(int desired, int min, int max) {}

    public record AutoscalingSpec(int cpuTarget, int memoryTarget) {}
}
