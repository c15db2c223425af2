package io.devopscli.resources.ec2;

import io.devopscli.aws.Tags;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2's side of the ownership tags: describe filters, tags at creation, and picking our resource. */
final class OwnedTags {
    private OwnedTags() {
    }

    static Filter ownerFilter(String project) {
        return Filter.builder().name("tag:" + Tags.OWNER_KEY).values(project).build();
    }

    static Filter nameFilter(String name) {
        return Filter.builder().name("tag:" + Tags.NAME_KEY).values(name).build();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static Filter filter(String name, java.util.Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    static TagSpecification at(ResourceType type, String project, String name) {
        List<Tag> tags = Tags.owned(project, name).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    static Optional<String> value(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
    }

    /**
     * The resource carrying our ownership tag and this Name. The describe already filtered by owner; the
     * check is repeated here so that nothing without our tag can ever be returned (the emulator ignores some
     * tag filters). The lowest id wins should a crash have left two, so every run picks the same one.
     */
    static <T> Optional<T> pick(List<T> items, Function<T, List<Tag>> tags, Function<T, String> id,
                                String project, String name) {
        return items.stream()
                .filter(i -> Tags.isOwned(asMap(tags.apply(i)), project))
                .filter(i -> value(tags.apply(i), Tags.NAME_KEY).filter(name::equals).isPresent())
                .min(Comparator.comparing(id));
    }

    /**
     * Every resource carrying our ownership tag and this Name, lowest id first: more than one is a
     * duplicate, which the engine reports and removes.
     */
    static <T> List<T> all(List<T> items, Function<T, List<Tag>> tags, Function<T, String> id,
                           String project, String name) {
        return items.stream()
                .filter(i -> Tags.isOwned(asMap(tags.apply(i)), project))
                .filter(i -> value(tags.apply(i), Tags.NAME_KEY).filter(name::equals).isPresent())
                .sorted(Comparator.comparing(id))
                .toList();
    }

    /** Owned by project and carrying this Name: the only way a reconciler recognises its resource. */
    static boolean ownedAndNamed(List<Tag> tags, String project, String name) {
        Map<String, String> map = asMap(tags);
        return Tags.isOwned(map, project) && name.equals(map.get(Tags.NAME_KEY));
    }

    static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.putIfAbsent(t.key(), t.value()));
        }
        return map;
    }
}
