package io.devopscli.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The containerised application and its environments, in the order the pipeline deploys them (staging,
 * production by default). The last one is special: the manual approval comes before it, the listener's
 * default action serves it on the domain itself, and failover moves it; each one before it is served on
 * the host "<environment>.<domain>".
 */
public record AppSpec(String name, int port, String healthCheckPath, int cpu, int memory,
                      Map<String, EnvironmentSpec> environments, AutoscalingSpec autoscaling,
                      Map<String, SecretRef> secrets) {
    public AppSpec {
        // a topology that passed validation has at least one (AppReader reports an empty list)
        environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        secrets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(secrets));
    }

    public AppSpec(String name, int port, String healthCheckPath, int cpu, int memory,
                   Map<String, EnvironmentSpec> environments, AutoscalingSpec autoscaling) {
        this(name, port, healthCheckPath, cpu, memory, environments, autoscaling, Map.of());
    }

    /** The environments' names in deployment order. */
    public List<String> environmentNames() {
        return List.copyOf(environments.keySet());
    }

    /** The last environment (production by default): behind the approval, on the listener's default action. */
    public String lastEnvironment() {
        List<String> names = environmentNames();
        return names.get(names.size() - 1);
    }

    public boolean isLast(String environment) {
        return lastEnvironment().equals(environment);
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
