package io.devopscli.resources;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.RegionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * The ARNs of the project's resources of the types below in a region, from one Resource Groups Tagging
 * API GetResources query per run and region (all types in one query, filtered on the ownership tag): what
 * replaces one ListTagsForResource per alarm, log group, topic, load balancer or target group. Services
 * the API does not cover (or moto 5.2.5 does not: EventBridge rules, ECR, CodePipeline) keep reading
 * their own tags.
 *
 * The tagging API is eventually consistent on AWS: a resource tagged seconds ago may be missing. Only
 * observe reads it, and every create it leads to is idempotent or looks again (see each reconciler).
 */
public final class OwnedByTag {
    /**
     * The types asked for, in the API's filter syntax: "service" or "service:type". moto names log groups
     * "logs:loggroup", AWS "logs:log-group": the service alone matches both.
     */
    static final List<String> TYPES = List.of("cloudwatch:alarm", "sns", "logs", "elasticloadbalancing:loadbalancer",
            "elasticloadbalancing:targetgroup");
    /** GetResources' largest page. */
    private static final int PAGE = 100;

    private OwnedByTag() {
    }

    /** @param resourceType one of TYPES */
    public static Set<String> arns(RegionContext ctx, String resourceType) {
        return tags(ctx, resourceType).keySet();
    }

    public static boolean owns(RegionContext ctx, String resourceType, String arn) {
        return arns(ctx, resourceType).contains(arn);
    }

    /** ARN -> tags of every resource of the type that carries this project's ownership tag. */
    public static Map<String, Map<String, String>> tags(RegionContext ctx, String resourceType) {
        if (!TYPES.contains(resourceType)) {
            throw new IllegalArgumentException(resourceType + " is not among the types OwnedByTag asks for: " + TYPES);
        }
        Map<String, Map<String, String>> ofType = new HashMap<>();
        all(ctx).forEach((arn, tags) -> {
            if (isOfType(arn, resourceType)) {
                ofType.put(arn, tags);
            }
        });
        return ofType;
    }

    /** Every owned resource of every type in TYPES: one paginated query per run and region. */
    private static Map<String, Map<String, String>> all(RegionContext ctx) {
        return ctx.memo("tagging", () -> {
            Map<String, Map<String, String>> found = new HashMap<>();
            AwsCall.call(() -> ctx.services(AwsClients.class).tagging().getResourcesPaginator(r -> r
                            .resourceTypeFilters(TYPES)
                            .resourcesPerPage(PAGE)
                            .tagFilters(TagFilter.builder().key(Tags.OWNER_KEY).values(ctx.project()).build()))
                    .resourceTagMappingList().stream().toList())
                    .forEach((ResourceTagMapping m) -> {
                        Map<String, String> tags = new HashMap<>();
                        m.tags().forEach(t -> tags.put(t.key(), t.value()));
                        found.put(m.resourceARN(), tags);
                    });
            return Map.copyOf(found);
        });
    }

    /**
     * Whether arn:partition:service:region:account:resource is of the filter's type: the service must
     * match, and a filter's type the resource's first word (alarm:name, loadbalancer/app/name/id).
     */
    static boolean isOfType(String arn, String resourceType) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return false;
        }
        int colon = resourceType.indexOf(':');
        String service = colon < 0 ? resourceType : resourceType.substring(0, colon);
        if (!parts[2].equals(service)) {
            return false;
        }
        if (colon < 0) {
            return true;
        }
        String type = resourceType.substring(colon + 1);
        String resource = parts[5];
        return resource.startsWith(type + ":") || resource.startsWith(type + "/");
    }
}
