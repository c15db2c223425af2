package io.devopscli.resources.ec2;

import io.devopscli.aws.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2's shapes for the ownership tags: tag specifications at create time, filters, and reading back. */
final class OwnedEc2Tags {
    private OwnedEc2Tags() {
    }

    static TagSpecification at(ResourceType type, String project, String name) {
        List<Tag> tags = Tags.owned(project, name).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    /** The server-side filter "tag:devops-cli:project=P". */
    static Filter ownerFilter(String project) {
        return Filter.builder().name("tag:" + Tags.OWNER_KEY).values(project).build();
    }

    static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }

    /** Owned by project and carrying this Name: the only way a reconciler recognises its resource. */
    static boolean ownedAndNamed(List<Tag> tags, String project, String name) {
        Map<String, String> map = asMap(tags);
        return Tags.isOwned(map, project) && name.equals(map.get(Tags.NAME_KEY));
    }
}
