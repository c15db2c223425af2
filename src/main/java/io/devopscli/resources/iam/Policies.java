package io.devopscli.resources.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The IAM policy documents the tool writes, built as JSON trees so nothing is escaped by hand. */
public final class Policies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "2012-10-17";

    private Policies() {
    }

    /**
     * Lets one service assume the role. The principal is a single string, not a list: the emulator's CodePipeline
     * accepts only that form, and one principal per role is least privilege anyway.
     */
    public static String trust(String servicePrincipal) {
        ObjectNode statement = JSON.createObjectNode().put("Effect", "Allow");
        statement.putObject("Principal").put("Service", servicePrincipal);
        statement.put("Action", "sts:AssumeRole");
        return document(statement);
    }

    /**
     * What VPC flow logs need to deliver to one log group, and nothing more: create streams in it, put
     * events, and the two describes the service makes first.
     */
    public static String flowLogs(String logGroupName, String region) {
        String group = "arn:" + partition(region) + ":logs:" + region + ":*:log-group:" + logGroupName;
        ObjectNode statement = JSON.createObjectNode().put("Effect", "Allow");
        ArrayNode actions = statement.putArray("Action");
        actions.add("logs:CreateLogStream").add("logs:PutLogEvents").add("logs:DescribeLogGroups")
                .add("logs:DescribeLogStreams");
        statement.putArray("Resource").add(group).add(group + ":*");
        return document(statement);
    }

    /** aws, or the China and GovCloud partitions, whose ARNs differ. */
    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    private static String document(ObjectNode statement) {
        ObjectNode doc = JSON.createObjectNode().put("Version", VERSION);
        doc.putArray("Statement").add(statement);
        return doc.toString();
    }
}
