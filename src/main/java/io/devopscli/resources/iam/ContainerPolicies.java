package io.devopscli.resources.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Least-privilege policies of the ECS task roles. ARNs use "*" for the account, so the documents can be
 * written before the account id is known (IAM allows wildcards in a resource ARN's account field).
 */
public final class ContainerPolicies {
    /** The principal both task roles trust. */
    public static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerPolicies() {
    }

    /**
     * What ECS needs to start the app's tasks: a registry login (GetAuthorizationToken has no resource
     * level, hence "*"), pulling from this one repository, and writing to the app's log groups.
     */
    public static String taskExecution(String region, String repositoryName, List<String> logGroupNames) {
        String partition = Policies.partition(region);
        ObjectNode doc = document();
        ArrayNode statements = (ArrayNode) doc.get("Statement");
        ObjectNode login = statements.addObject().put("Sid", "RegistryLogin").put("Effect", "Allow");
        login.putArray("Action").add("ecr:GetAuthorizationToken");
        login.put("Resource", "*");
        ObjectNode pull = statements.addObject().put("Sid", "PullAppImages").put("Effect", "Allow");
        pull.putArray("Action").add("ecr:BatchCheckLayerAvailability").add("ecr:GetDownloadUrlForLayer")
                .add("ecr:BatchGetImage");
        pull.putArray("Resource").add("arn:" + partition + ":ecr:" + region + ":*:repository/" + repositoryName);
        ObjectNode logs = statements.addObject().put("Sid", "WriteAppLogs").put("Effect", "Allow");
        logs.putArray("Action").add("logs:CreateLogStream").add("logs:PutLogEvents");
        ArrayNode groups = logs.putArray("Resource");
        for (String group : logGroupNames) {
            // streams are resources of their own: "...:log-group:<name>:log-stream:<stream>"
            groups.add("arn:" + partition + ":logs:" + region + ":*:log-group:" + group + ":*");
        }
        return doc.toString();
    }

    /**
     * The same, plus reading exactly the app's secrets: ssm:GetParameters on each named parameter and
     * secretsmanager:GetSecretValue on each named secret ("-??????" matches the six random characters
     * Secrets Manager appends to a secret's ARN, and nothing longer, so no other secret whose name starts
     * the same way). Nothing else can be read.
     */
    public static String taskExecution(String region, String repositoryName, List<String> logGroupNames,
                                       java.util.Map<String, io.devopscli.topology.AppSpec.SecretRef> secrets) {
        ObjectNode doc = (ObjectNode) PolicyDocuments.parse(taskExecution(region, repositoryName, logGroupNames));
        if (secrets.isEmpty()) {
            return doc.toString();
        }
        String partition = Policies.partition(region);
        ArrayNode statements = (ArrayNode) doc.get("Statement");
        List<String> parameters = secrets.values().stream().filter(r -> r.source().equals("ssm")).map(r -> "arn:"
                + partition + ":ssm:" + region + ":*:parameter" + (r.name().startsWith("/") ? r.name() : "/" + r.name()))
                .distinct().sorted().toList();
        List<String> managed = secrets.values().stream().filter(r -> r.source().equals("secretsmanager")).map(r -> "arn:"
                + partition + ":secretsmanager:" + region + ":*:secret:" + r.name() + "-??????").distinct().sorted().toList();
        if (!parameters.isEmpty()) {
            ObjectNode ssm = statements.addObject().put("Sid", "ReadAppParameters").put("Effect", "Allow");
            ssm.putArray("Action").add("ssm:GetParameters");
            parameters.forEach(ssm.putArray("Resource")::add);
        }
        if (!managed.isEmpty()) {
            ObjectNode sm = statements.addObject().put("Sid", "ReadAppSecrets").put("Effect", "Allow");
            sm.putArray("Action").add("secretsmanager:GetSecretValue");
            managed.forEach(sm.putArray("Resource")::add);
        }
        return doc.toString();
    }

    /**
     * The app itself calls no AWS API; the one thing it may do is publish its own metrics, and only to
     * its namespace (PutMetricData has no resource level, so the namespace condition is the fence).
     */
    public static String task(String metricsNamespace) {
        ObjectNode doc = document();
        ObjectNode metrics = ((ArrayNode) doc.get("Statement")).addObject().put("Sid", "OwnMetricsOnly")
                .put("Effect", "Allow");
        metrics.putArray("Action").add("cloudwatch:PutMetricData");
        metrics.put("Resource", "*");
        metrics.putObject("Condition").putObject("StringEquals").put("cloudwatch:namespace", metricsNamespace);
        return doc.toString();
    }

    private static ObjectNode document() {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        doc.putArray("Statement");
        return doc;
    }
}
