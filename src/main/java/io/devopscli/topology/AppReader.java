package io.devopscli.topology;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads the app section: the container, its Fargate size, its environments and autoscaling targets. */
final class AppReader {
    private static final List<String> KEYS =
            List.of("name", "port", "healthCheckPath", "cpu", "memory", "environments", "autoscaling", "secrets");
    private static final List<String> CAPACITY_KEYS = List.of("desired", "min", "max");
    private static final List<String> ENVIRONMENT_KEYS = List.of("name", "desired", "min", "max");
    private static final List<String> AUTOSCALING_KEYS = List.of("cpuTarget", "memoryTarget");

    static final String DEFAULT_NAME = "app";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_HEALTH_CHECK_PATH = "/health";
    static final int DEFAULT_CPU = 256;
    /** The reference topology's environments, in deployment order: staging, then production. */
    static final Map<String, AppSpec.EnvironmentSpec> DEFAULT_ENVIRONMENTS = defaultEnvironments();
    static final AppSpec.AutoscalingSpec DEFAULT_AUTOSCALING = new AppSpec.AutoscalingSpec(60, 70);
    /** A guard against a typo (1000 for 10) starting a costly fleet; AWS itself would allow far more. */
    static final int MAX_TASKS = 100;
    private static final int MAX_HEALTH_CHECK_PATH = 1024; // ALB's limit
    /** ACM's default quota of names per certificate: the domain and one host per environment but the last. */
    static final int MAX_ENVIRONMENTS = 10;

    private final Problems problems;

    AppReader(Problems problems) {
        this.problems = problems;
    }

    AppSpec read(MappingReader top) {
        Optional<MappingReader> section = top.mapping("app", false, KEYS);
        if (section.isEmpty()) {
            return new AppSpec(DEFAULT_NAME, DEFAULT_PORT, DEFAULT_HEALTH_CHECK_PATH, DEFAULT_CPU,
                    Fargate.minimumMemory(DEFAULT_CPU), DEFAULT_ENVIRONMENTS, DEFAULT_AUTOSCALING);
        }
        MappingReader app = section.get();
        Value<String> name = problems.check(app.string("name", DEFAULT_NAME), "app.name", Names::app);
        Value<Integer> port = problems.range(app.integer("port", DEFAULT_PORT), "app.port", 1, 65535);
        Value<String> path = problems.check(app.string("healthCheckPath", DEFAULT_HEALTH_CHECK_PATH),
                "app.healthCheckPath", AppReader::healthCheckPath);
        Value<Integer> cpu = problems.check(app.integer("cpu", DEFAULT_CPU), "app.cpu", c -> Fargate.CPUS.contains(c)
                ? Optional.empty() : Optional.of(c + " is not a Fargate CPU size; expected one of "
                        + String.join(", ", Fargate.CPUS.stream().map(String::valueOf).toList())));
        Value<Integer> memory = memory(app, cpu);
        return new AppSpec(name.value(), port.or(0), path.value(), cpu.or(0), memory.or(0),
                environments(app), autoscaling(app), new SecretsReader(problems).read(app));
    }

    private static Optional<String> healthCheckPath(String path) {
        if (!path.startsWith("/")) {
            return Optional.of("'" + path + "' must start with '/'");
        }
        if (path.length() > MAX_HEALTH_CHECK_PATH || path.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            return Optional.of("'" + path + "' must be at most 1024 printable ASCII characters without spaces");
        }
        return Optional.empty();
    }

    /** Defaults to the smallest memory the CPU allows; checked against the CPU only when the CPU is valid. */
    private Value<Integer> memory(MappingReader app, Value<Integer> cpu) {
        Value<Integer> memory = app.integer("memory", cpu.ok() ? Fargate.minimumMemory(cpu.value()) : 0);
        if (!cpu.ok()) {
            return memory;
        }
        return problems.check(memory, "app.memory", m -> Fargate.memoryProblem(cpu.value(), m)
                .map(allowed -> m + " MiB does not go with cpu " + cpu.value() + " on Fargate, which allows "
                        + allowed + " MiB for it"));
    }

    private static Map<String, AppSpec.EnvironmentSpec> defaultEnvironments() {
        Map<String, AppSpec.EnvironmentSpec> environments = new LinkedHashMap<>();
        environments.put("staging", new AppSpec.EnvironmentSpec(1, 1, 2));
        environments.put("production", new AppSpec.EnvironmentSpec(2, 2, 10));
        return Collections.unmodifiableMap(environments);
    }

    /**
     * The environments in deployment order, either as a list of {name, desired, min, max} (the order is the
     * list's) or as a mapping of name to {desired, min, max} (the order is the file's). The reference
     * topology's staging and production when the key is absent.
     */
    private Map<String, AppSpec.EnvironmentSpec> environments(MappingReader app) {
        Optional<Node> section = app.get("environments", false);
        if (section.isEmpty()) {
            return DEFAULT_ENVIRONMENTS;
        }
        String path = app.path("environments");
        Map<String, AppSpec.EnvironmentSpec> result = new LinkedHashMap<>();
        int count;
        if (section.get() instanceof SequenceNode list) {
            count = list.getValue().size();
            readList(list, path, result);
        } else if (section.get() instanceof MappingNode mapping) {
            count = mapping.getValue().size();
            readMapping(mapping, path, result);
        } else {
            problems.at(section.get(), path + ": expected a list of environments, found "
                    + MappingReader.describe(section.get()));
            return result;
        }
        if (count == 0) {
            problems.at(section.get(), path + ": at least one environment is required (the pipeline deploys the last"
                    + " one after the approval)");
        } else if (count > MAX_ENVIRONMENTS) {
            problems.at(section.get(), path + ": " + count + " environments are more than " + MAX_ENVIRONMENTS
                    + ": the certificate names the domain and each environment before the last, and ACM allows "
                    + MAX_ENVIRONMENTS + " names per certificate unless the quota is raised");
        }
        return result;
    }

    /** "- {name: dev, desired: 1, min: 1, max: 2}" per environment. */
    private void readList(SequenceNode list, String path, Map<String, AppSpec.EnvironmentSpec> result) {
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String itemPath = path + "[" + i + "]";
            Optional<MappingReader> item = MappingReader.open(list.getValue().get(i), itemPath, ENVIRONMENT_KEYS,
                    problems);
            if (item.isEmpty()) {
                continue;
            }
            Value<String> name = problems.check(item.get().string("name", null), itemPath + ".name",
                    Names::environment);
            if (name.ok()) {
                String earlier = firstAt.putIfAbsent(name.value(), itemPath);
                if (earlier != null) {
                    problems.at(name.node(), itemPath + ".name: '" + name.value() + "' is already the name of "
                            + earlier + "; environment names must be unique");
                    continue;
                }
            }
            Optional<AppSpec.EnvironmentSpec> capacity = capacity(item.get(), itemPath);
            if (name.ok() && capacity.isPresent()) {
                result.put(name.value(), capacity.get());
            }
        }
    }

    /** "staging: {desired: 1, min: 1, max: 2}" per environment, in the order written. */
    private void readMapping(MappingNode mapping, String path, Map<String, AppSpec.EnvironmentSpec> result) {
        List<String> names = mapping.getValue().stream().map(NodeTuple::getKeyNode)
                .filter(ScalarNode.class::isInstance).map(k -> ((ScalarNode) k).getValue()).distinct().toList();
        // duplicate and non-word keys are reported by the reader itself
        MappingReader environments = MappingReader.open(mapping, path, names, problems).orElseThrow();
        Set<String> seen = new HashSet<>();
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key) || !seen.add(key.getValue())) {
                continue;
            }
            String env = key.getValue();
            Optional<String> invalid = Names.environment(env);
            if (invalid.isPresent()) {
                problems.at(key, environments.path(env) + ": " + invalid.get());
                continue;
            }
            environments.mapping(env, true, CAPACITY_KEYS)
                    .flatMap(capacity -> capacity(capacity, environments.path(env)))
                    .ifPresent(spec -> result.put(env, spec));
        }
    }

    private Optional<AppSpec.EnvironmentSpec> capacity(MappingReader env, String path) {
        Value<Integer> desired = nonNegative(env.integer("desired", null), path + ".desired");
        Value<Integer> min = nonNegative(env.integer("min", null), path + ".min");
        Value<Integer> max = problems.check(env.integer("max", null), path + ".max", n -> n < 1
                ? Optional.of(n + " is below 1: an environment that may never run a task serves nothing")
                : n <= MAX_TASKS
                ? Optional.empty() : Optional.of(n + " is above " + MAX_TASKS + ", the most tasks this tool runs per"
                        + " environment (a guard against a typo starting a costly fleet)"));
        if (!desired.ok() || !min.ok() || !max.ok()) {
            return Optional.empty();
        }
        if (min.value() > max.value()) {
            return report(min.node(), path + ".min: " + min.value() + " is above max " + max.value());
        }
        if (desired.value() < min.value() || desired.value() > max.value()) {
            return report(desired.node(), path + ".desired: " + desired.value() + " is outside min " + min.value()
                    + " to max " + max.value());
        }
        return Optional.of(new AppSpec.EnvironmentSpec(desired.value(), min.value(), max.value()));
    }

    private Value<Integer> nonNegative(Value<Integer> value, String path) {
        return problems.check(value, path, n -> n >= 0 ? Optional.empty() : Optional.of(n + " is negative"));
    }

    private Optional<AppSpec.EnvironmentSpec> report(Node node, String message) {
        problems.at(node, message);
        return Optional.empty();
    }

    private AppSpec.AutoscalingSpec autoscaling(MappingReader app) {
        Optional<MappingReader> section = app.mapping("autoscaling", false, AUTOSCALING_KEYS);
        if (section.isEmpty()) {
            return DEFAULT_AUTOSCALING;
        }
        Value<Integer> cpu = problems.range(section.get().integer("cpuTarget", DEFAULT_AUTOSCALING.cpuTarget()),
                "app.autoscaling.cpuTarget", 1, 100);
        Value<Integer> memory = problems.range(section.get().integer("memoryTarget", DEFAULT_AUTOSCALING.memoryTarget()),
                "app.autoscaling.memoryTarget", 1, 100);
        return new AppSpec.AutoscalingSpec(cpu.or(0), memory.or(0));
    }
}
