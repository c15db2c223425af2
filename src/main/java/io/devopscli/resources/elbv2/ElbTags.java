package io.devopscli.resources.elbv2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * ELBv2's side of the ownership tags. Its describes cannot filter by tag, so ownership is read with
 * DescribeTags (at most 20 ARNs a call) after finding a resource by name or by its parent.
 */
final class ElbTags {
    private static final int ARNS_PER_CALL = 20;

    private ElbTags() {
    }

    static List<Tag> owned(String project, String name) {
        return Tags.owned(project, name).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** The tags of each ARN, in as few calls as the API allows. */
    static Map<String, Map<String, String>> of(ElasticLoadBalancingV2Client elb, Collection<String> arns) {
        List<String> all = new ArrayList<>(arns);
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (int from = 0; from < all.size(); from += ARNS_PER_CALL) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + ARNS_PER_CALL));
            List<TagDescription> found = AwsCall.orEmpty(() -> elb.describeTags(r -> r.resourceArns(batch))
                    .tagDescriptions()).orElse(List.of());
            found.forEach(d -> tags.put(d.resourceArn(), asMap(d.tags())));
        }
        return tags;
    }

    static Map<String, String> of(ElasticLoadBalancingV2Client elb, String arn) {
        return of(elb, List.of(arn)).getOrDefault(arn, Map.of());
    }

    /** Owned by project and carrying this Name: the only way these reconcilers recognise their resource. */
    static boolean ownedAndNamed(Map<String, String> tags, String project, String name) {
        return Tags.isOwned(tags, project) && name.equals(tags.get(Tags.NAME_KEY));
    }

    private static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new HashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }
}
