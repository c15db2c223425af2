package io.devopscli.resources.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.RegionalArns;
import io.devopscli.resources.iam.PolicyDocuments;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourcePolicy;

/**
 * A CloudWatch Logs resource policy, found by its name (resource policies carry no tags; the name is
 * project-prefixed, which is how it is known as ours). PutResourcePolicy creates or replaces it, so
 * create and update are the same idempotent call. Publishes its name.
 */
public final class ResourcePolicyReconciler implements Reconciler<ResourcePolicySpec, ResourcePolicyState>,
        Updatable<ResourcePolicySpec, ResourcePolicyState> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<ResourcePolicyState> observe(ResourcePolicySpec spec, RegionContext ctx) {
        String groupArn = ctx.idOf(spec.logGroup()).map(name -> groupArn(ctx, name)).orElse(null);
        return find(logs(ctx), spec.name())
                .map(p -> new ResourcePolicyState(p.policyName(), PolicyDocuments.parse(p.policyDocument()), groupArn));
    }

    @Override
    public List<FieldChange> diff(ResourcePolicySpec spec, ResourcePolicyState actual) {
        String arn = actual.wantedGroupArn() == null ? "(to be created)" : actual.wantedGroupArn();
        return new Diffs().field("policyDocument", document(arn), actual.document()).toList();
    }

    @Override
    public ResourcePolicyState create(ResourcePolicySpec spec, RegionContext ctx) {
        String arn = groupArn(ctx, ctx.requireId(spec.logGroup()));
        JsonNode document = document(arn);
        AwsCall.run(() -> logs(ctx).putResourcePolicy(r -> r.policyName(spec.name()).policyDocument(document.toString())));
        return new ResourcePolicyState(spec.name(), document, arn);
    }

    @Override
    public ResourcePolicyState update(ResourcePolicySpec spec, ResourcePolicyState actual, List<FieldChange> changes,
                                      RegionContext ctx) {
        return create(spec, ctx);
    }

    @Override
    public void delete(ResourcePolicyState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> logs(ctx).deleteResourcePolicy(r -> r.policyName(actual.name())));
    }

    @Override
    public String id(ResourcePolicyState actual) {
        return actual.name();
    }

    /** EventBridge (and CloudWatch Logs' delivery service, which AWS uses for it) may write streams and events. */
    static JsonNode document(String groupArn) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        ObjectNode s = statements.addObject().put("Sid", "EventBridgeToLogGroup").put("Effect", "Allow");
        ArrayNode services = s.putObject("Principal").putArray("Service");
        services.add("events.amazonaws.com").add("delivery.logs.amazonaws.com");
        s.putArray("Action").add("logs:CreateLogStream").add("logs:PutLogEvents");
        s.put("Resource", groupArn + ":*");
        return doc;
    }

    static String groupArn(RegionContext ctx, String groupName) {
        return RegionalArns.of(ctx, "logs", "log-group:" + groupName);
    }

    private static Optional<ResourcePolicy> find(CloudWatchLogsClient logs, String name) {
        String token = null;
        do {
            String page = token;
            var response = AwsCall.call(() -> logs.describeResourcePolicies(r -> r.nextToken(page)));
            Optional<ResourcePolicy> found = response.resourcePolicies().stream()
                    .filter(p -> name.equals(p.policyName())).findFirst();
            if (found.isPresent()) {
                return found;
            }
            token = response.nextToken();
        } while (token != null);
        return Optional.empty();
    }

    private static CloudWatchLogsClient logs(RegionContext ctx) {
        return ctx.services(AwsClients.class).logs();
    }
}
