package io.devopscli.resources.ecs;

import io.devopscli.engine.ResourceKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Fargate task definition family with one container named after the app. Parents: the ECR repository
 * (its URI gives the bootstrap image), the environment's log group and the two IAM roles. The image is
 * only chosen at creation ("<repository uri>:<bootstrapTag>"); afterwards the pipeline owns it. secrets,
 * when given, is the app secrets check node (AppSecretsReconciler), which publishes the ARNs the
 * container's secrets are read from.
 */
public record TaskDefinitionSpec(String family, String cpu, String memory, String containerName, int containerPort,
                                 Map<String, String> environment, ResourceKey repository, String bootstrapTag,
                                 ResourceKey logGroup, String logStreamPrefix, ResourceKey executionRole,
                                 ResourceKey taskRole, ResourceKey secrets) {
    public TaskDefinitionSpec {
        environment = Map.copyOf(new TreeMap<>(environment));
    }

    /** Without app secrets. */
    public TaskDefinitionSpec(String family, String cpu, String memory, String containerName, int containerPort,
                              Map<String, String> environment, ResourceKey repository, String bootstrapTag,
                              ResourceKey logGroup, String logStreamPrefix, ResourceKey executionRole,
                              ResourceKey taskRole) {
        this(family, cpu, memory, containerName, containerPort, environment, repository, bootstrapTag, logGroup,
                logStreamPrefix, executionRole, taskRole, null);
    }

    /** The variables the sample app reads. */
    public static Map<String, String> appEnvironment(String appName, String environment, String region,
                                                     String healthCheckPath, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("APP_NAME", appName);
        env.put("APP_ENVIRONMENT", environment);
        env.put("AWS_REGION", region);
        env.put("HEALTH_CHECK_PATH", healthCheckPath);
        env.put("APP_PORT", String.valueOf(port));
        return env;
    }
}
