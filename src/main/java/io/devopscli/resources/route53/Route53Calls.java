package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceTagSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * Route 53 specifics on top of AwsCall: its "NoSuch..." errors, which the emulator sends as 400 rather than
 * AWS's 404 (so the shared classifier sees a terminal error), and its tags, which live beside the
 * resource rather than in its description.
 */
final class Route53Calls {
    /** ListTagsForResources takes at most 10 ids. */
    private static final int TAG_BATCH = 10;

    private Route53Calls() {
    }

    /** The call's result, or empty when Route 53 says the zone or health check does not exist. */
    static <T> Optional<T> orEmpty(Supplier<T> call) {
        try {
            return Optional.ofNullable(AwsCall.orEmpty(call).orElse(null));
        } catch (AwsFailure f) {
            if (isNoSuch(f)) {
                return Optional.empty();
            }
            throw f;
        }
    }

    /** For deletes: a zone or health check already gone counts as success. */
    static void ignoringNotFound(Runnable call) {
        orEmpty(() -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    static boolean isNoSuch(AwsFailure f) {
        return f.code() != null && f.code().startsWith("NoSuch");
    }

    /** Tags of many resources of one type, in batches of ten: id to tags (empty map when untagged). */
    static Map<String, Map<String, String>> tags(Route53Client r53, TagResourceType type, List<String> ids) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i += TAG_BATCH) {
            List<String> batch = new ArrayList<>(ids.subList(i, Math.min(ids.size(), i + TAG_BATCH)));
            for (ResourceTagSet set : AwsCall.call(() -> r53.listTagsForResources(r -> r.resourceType(type)
                    .resourceIds(batch))).resourceTagSets()) {
                Map<String, String> tags = new LinkedHashMap<>();
                set.tags().forEach(t -> tags.put(t.key(), t.value()));
                result.put(set.resourceId(), tags);
            }
        }
        ids.forEach(id -> result.putIfAbsent(id, Map.of()));
        return result;
    }

    static void tag(Route53Client r53, TagResourceType type, String id, Map<String, String> tags) {
        List<Tag> add = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        AwsCall.run(() -> r53.changeTagsForResource(r -> r.resourceType(type).resourceId(id).addTags(add)));
    }

    /** "/hostedzone/Z123" and "Z123" both name zone Z123; tags and most calls want the bare id. */
    static String bareZoneId(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** Route 53 answers names with a final dot and in lower case; the topology has neither. */
    static String dnsKey(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
