package io.devopscli.resources.events;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** The EventBridge calls every rule reconciler shares: ownership, targets listed, put and removed. */
final class EventRules {
    private EventRules() {
    }

    static boolean isOwned(EventBridgeClient events, String arn, String project) {
        Map<String, String> tags = AwsCall.orEmpty(() -> events.listTagsForResource(r -> r.resourceARN(arn)))
                .map(r -> r.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)))
                .orElse(Map.of());
        return Tags.isOwned(tags, project);
    }

    static List<Tag> ownedTags(String project, String name) {
        return Tags.owned(project, name).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** Every target of the rule; none when the rule is gone. */
    static List<Target> targets(EventBridgeClient events, String rule) {
        List<Target> targets = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            var response = AwsCall.orEmpty(() -> events.listTargetsByRule(r -> r.rule(rule).nextToken(page)));
            if (response.isEmpty()) {
                return List.of();
            }
            targets.addAll(response.get().targets());
            token = response.get().nextToken();
        } while (token != null);
        return targets;
    }

    /** PutTargets reports failures per entry in a 200 answer: those are failures too. */
    static void putTarget(EventBridgeClient events, String rule, Target target) {
        PutTargetsResponse response = AwsCall.call(() -> events.putTargets(r -> r.rule(rule).targets(target)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("adding target " + target.id() + " -> " + target.arn() + " to rule " + rule
                    + ": " + response.failedEntries().stream().map(f -> f.errorCode() + ": " + f.errorMessage()).toList());
        }
    }

    static void removeTargets(EventBridgeClient events, String rule, List<String> ids) {
        AwsCall.ignoringNotFound(() -> {
            var response = events.removeTargets(r -> r.rule(rule).ids(ids));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                throw new IllegalStateException("removing targets " + ids + " from rule " + rule + ": "
                        + response.failedEntries().stream().map(f -> f.errorCode() + ": " + f.errorMessage()).toList());
            }
        });
    }

    /** Removes every target (DeleteRule refuses while any is left), then the rule. */
    static void deleteRule(EventBridgeClient events, String rule) {
        List<String> ids = targets(events, rule).stream().map(Target::id).toList();
        if (!ids.isEmpty()) {
            removeTargets(events, rule, ids);
        }
        AwsCall.ignoringNotFound(() -> events.deleteRule(r -> r.name(rule)));
    }
}
