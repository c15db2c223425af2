package io.devopscli.resources.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The least-privilege policy of the CodeBuild role that builds the app's image. */
public final class BuildPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BuildPolicies() {
    }

    /**
     * Write its own build logs, read the pipeline's input artifacts and write its output artifacts in the
     * artifact bucket, and push (and pull, for layer caching) the app's image. GetAuthorizationToken has no
     * resource-level permissions, so it alone is on "*". The account is "*" in the ARNs as in
     * Policies.flowLogs: the names are specific enough, and the graph is built before STS is asked.
     */
    public static String codeBuild(String region, String logGroupName, String artifactBucket, String ecrRepository) {
        String partition = Policies.partition(region);
        String group = "arn:" + partition + ":logs:" + region + ":*:log-group:" + logGroupName;
        String repository = "arn:" + partition + ":ecr:" + region + ":*:repository/" + ecrRepository;
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        statements.add(statement("BuildLogs", new String[] {"logs:CreateLogStream", "logs:PutLogEvents"},
                group, group + ":*"));
        statements.add(statement("PipelineArtifacts", new String[] {"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"},
                "arn:" + partition + ":s3:::" + artifactBucket + "/*"));
        statements.add(statement("PushAppImage", new String[] {"ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer"}, repository));
        statements.add(statement("EcrLogin", new String[] {"ecr:GetAuthorizationToken"}, "*"));
        return doc.toString();
    }

    /**
     * The Scale action's role (ScaleBuildspec): write its logs, read and register the scalable targets of
     * the two services (Application Auto Scaling has no resource-level permissions for these calls) and
     * set their desired count. RegisterScalableTarget also needs the ECS calls on the service, and the
     * service-linked role of ECS autoscaling, which `up` has made already, may be created if missing.
     */
    public static String scaleToTopology(String region, String logGroupName, String cluster, java.util.List<String> services) {
        String partition = Policies.partition(region);
        String group = "arn:" + partition + ":logs:" + region + ":*:log-group:" + logGroupName;
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        statements.add(statement("ScaleLogs", new String[] {"logs:CreateLogStream", "logs:PutLogEvents"},
                group, group + ":*"));
        statements.add(statement("ScalableTargets", new String[] {"application-autoscaling:DescribeScalableTargets",
                "application-autoscaling:RegisterScalableTarget"}, "*"));
        statements.add(statement("AppServices", new String[] {"ecs:DescribeServices", "ecs:UpdateService"},
                services.stream().map(s -> "arn:" + partition + ":ecs:" + region + ":*:service/" + cluster + "/" + s)
                        .toArray(String[]::new)));
        ObjectNode linked = statement("AutoscalingServiceLinkedRole", new String[] {"iam:CreateServiceLinkedRole"},
                "arn:" + partition + ":iam::*:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/*");
        linked.putObject("Condition").putObject("StringLike").put("iam:AWSServiceName", "ecs.application-autoscaling.amazonaws.com");
        statements.add(linked);
        return doc.toString();
    }

    private static ObjectNode statement(String sid, String[] actions, String... resources) {
        ObjectNode s = JSON.createObjectNode().put("Sid", sid).put("Effect", "Allow");
        ArrayNode a = s.putArray("Action");
        for (String action : actions) {
            a.add(action);
        }
        if (resources.length == 1) {
            s.put("Resource", resources[0]);
        } else {
            ArrayNode r = s.putArray("Resource");
            for (String resource : resources) {
                r.add(resource);
            }
        }
        return s;
    }
}
