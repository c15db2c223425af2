package io.devopscli.resources.ecs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a task definition the tool manages, in a comparable form (sorted maps and lists). The
 * container image is deliberately absent: the pipeline deploys new images, so it is never drift. secrets
 * map a variable to the ARN its value is read from: references only, never a value.
 */
public record TaskShape(String cpu, String memory, String networkMode, List<String> requiresCompatibilities,
                        String container, Map<String, String> environment, String logDriver,
                        Map<String, String> logOptions, String executionRoleArn, String taskRoleArn,
                        Map<String, String> secrets) {
    public static final String NETWORK_MODE = "awsvpc";
    public static final String FARGATE = "FARGATE";
    public static final String LOG_DRIVER = "awslogs";

    public TaskShape {
        requiresCompatibilities = List.copyOf(requiresCompatibilities.stream().sorted().toList());
        environment = new TreeMap<>(environment);
        logOptions = new TreeMap<>(logOptions);
        secrets = new TreeMap<>(secrets);
    }

    /** The shape the spec asks for, given the ids its parents have (or will have) in this region. */
    static TaskShape desired(TaskDefinitionSpec spec, TaskDefinitionState.Wanted wanted) {
        return new TaskShape(spec.cpu(), spec.memory(), NETWORK_MODE, List.of(FARGATE),
                container(spec.containerName(), spec.containerPort()), spec.environment(), LOG_DRIVER,
                logOptions(wanted.logGroup(), wanted.region(), spec.logStreamPrefix()),
                wanted.executionRoleArn(), wanted.taskRoleArn(), wanted.secrets());
    }

    static String container(String name, Integer port) {
        return name + ":" + port;
    }

    static Map<String, String> logOptions(String group, String region, String prefix) {
        return Map.of("awslogs-group", group, "awslogs-region", region, "awslogs-stream-prefix", prefix);
    }
}
