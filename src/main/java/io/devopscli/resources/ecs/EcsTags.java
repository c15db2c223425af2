package io.devopscli.resources.ecs;

import io.devopscli.aws.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Tag;

/** ECS's shapes for the ownership tags (lower-case key/value pairs). */
final class EcsTags {
    private EcsTags() {
    }

    static List<Tag> owned(String project, String name) {
        return Tags.owned(project, name).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }

    /** Carries our ownership tag and this Name: the only way an ECS resource is recognised as ours. */
    static boolean ownedAndNamed(List<Tag> tags, String project, String name) {
        Map<String, String> map = asMap(tags);
        return Tags.isOwned(map, project) && name.equals(map.get(Tags.NAME_KEY));
    }
}
