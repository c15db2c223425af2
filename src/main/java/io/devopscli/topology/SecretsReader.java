package io.devopscli.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads app.secrets: environment variable name to "ssm:<parameter name>" or "secretsmanager:<secret name>".
 * Every problem is reported with its line and column, like the rest of the topology.
 */
final class SecretsReader {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    /** SSM parameter names: letters, digits and . - _ / (a leading / for a hierarchy), at most 1011 characters. */
    private static final Pattern SSM_NAME = Pattern.compile("/?[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");
    /** Secrets Manager names: letters, digits and /_+=.@- , at most 512 characters. */
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@\\-]{1,512}");
    /** What the task definition sets itself: a secret of the same name would silently replace it. */
    private static final Set<String> RESERVED = Set.of("APP_NAME", "APP_ENVIRONMENT", "AWS_REGION", "HEALTH_CHECK_PATH",
            "APP_PORT", "APP_VERSION");

    private final Problems problems;

    SecretsReader(Problems problems) {
        this.problems = problems;
    }

    Map<String, io.devopscli.topology.AppSpec.SecretRef> read(MappingReader app) {
        Map<String, AppSpec.SecretRef> secrets = new LinkedHashMap<>();
        Optional<Node> section = app.get("secrets", false);
        if (section.isEmpty()) {
            return secrets;
        }
        if (!(section.get() instanceof MappingNode mapping)) {
            problems.at(section.get(), "app.secrets: expected a mapping of variable names to ssm:NAME or "
                    + "secretsmanager:NAME, found " + MappingReader.describe(section.get()));
            return secrets;
        }
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key) || !(entry.getValueNode() instanceof ScalarNode value)) {
                problems.at(entry.getKeyNode(), "app.secrets: each entry is NAME: ssm:PARAMETER or NAME: secretsmanager:SECRET");
                continue;
            }
            String name = key.getValue();
            String path = "app.secrets." + name;
            if (!VARIABLE.matcher(name).matches()) {
                problems.at(key, path + ": '" + name + "' is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
                continue;
            }
            if (RESERVED.contains(name)) {
                problems.at(key, path + ": " + name + " is set by devops-cli itself; choose another name");
                continue;
            }
            if (secrets.containsKey(name)) {
                problems.at(key, "duplicate key '" + name + "' in app.secrets");
                continue;
            }
            reference(value, path).ifPresent(ref -> secrets.put(name, ref));
        }
        return secrets;
    }

    private Optional<AppSpec.SecretRef> reference(ScalarNode node, String path) {
        String text = node.getValue();
        int colon = text.indexOf(':');
        String source = colon < 0 ? "" : text.substring(0, colon);
        String name = colon < 0 ? "" : text.substring(colon + 1);
        if (source.equals(AppSpec.SecretRef.SSM)) {
            if (SSM_NAME.matcher(name).matches() && name.length() <= 1011) {
                return Optional.of(new AppSpec.SecretRef(source, name));
            }
            problems.at(node, path + ": '" + name + "' is not an SSM parameter name (letters, digits, . - _ and /)");
            return Optional.empty();
        }
        if (source.equals(AppSpec.SecretRef.SECRETS_MANAGER)) {
            if (SECRET_NAME.matcher(name).matches()) {
                return Optional.of(new AppSpec.SecretRef(source, name));
            }
            problems.at(node, path + ": '" + name + "' is not a Secrets Manager secret name (letters, digits and /_+=.@-)");
            return Optional.empty();
        }
        problems.at(node, path + ": '" + text + "' must be ssm:PARAMETER_NAME or secretsmanager:SECRET_NAME");
        return Optional.empty();
    }
}
