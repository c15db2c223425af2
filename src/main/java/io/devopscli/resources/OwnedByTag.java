package io.devopscli.resources;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.RegionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * The ARNs of the project's resources of one type in a region, from one Resource Groups Tagging API
 * GetResources query per run, region and type (filtered on the ownership tag): what replaces one
 * ListTagsForResource per alarm, log group or topic. Services whose list calls return no tags use it;
 * those the API does not cover (or moto 5.2.5 does not: EventBridge rules, ECR, CodePipeline) keep
 * reading their own tags.
 *
 * The tagging API is eventually consistent on AWS: a resource tagged seconds ago may be missing. Only
 * observe reads it, and every create it leads to is idempotent or looks again (see each reconciler).
 */
public final class OwnedByTag {
    private OwnedByTag() {
    }

    /**
     * @param resourceType the API's filter: "cloudwatch:alarm", "sns", "logs" (moto names log groups
     *                     "logs:loggroup", AWS "logs:log-group": the service alone matches both)
     */
    public static Set<String> arns(RegionContext ctx, String resourceType) {
        return tags(ctx, resourceType).keySet();
    }

    public static boolean owns(RegionContext ctx, String resourceType, String arn) {
        return arns(ctx, resourceType).contains(arn);
    }

    /** ARN -> tags of every resource of the type that carries this project's ownership tag. */
    public static Map<String, Map<String, String>> tags(RegionContext ctx, String resourceType) {
        return ctx.memo("tagging/" + resourceType, () -> {
            Map<String, Map<String, String>> found = new HashMap<>();
            AwsCall.call(() -> ctx.services(AwsClients.class).tagging().getResourcesPaginator(r -> r
                            .resourceTypeFilters(resourceType)
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
}
