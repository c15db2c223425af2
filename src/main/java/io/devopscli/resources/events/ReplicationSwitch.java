package io.devopscli.resources.events;

import io.devopscli.aws.AwsCall;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * Turns a region's replication trigger on or off: how `failover` moves the replication source. The
 * function exists in every region; only the enabled rule hands pushes to it.
 */
public final class ReplicationSwitch {
    private ReplicationSwitch() {
    }

    /** ENABLED or DISABLED, or empty when the region has no such rule. */
    public static Optional<String> state(EventBridgeClient events, String rule) {
        return AwsCall.orEmpty(() -> events.describeRule(r -> r.name(rule))).map(r -> r.stateAsString());
    }

    public static void enable(EventBridgeClient events, String rule) {
        AwsCall.run(() -> events.enableRule(r -> r.name(rule)));
    }

    public static void disable(EventBridgeClient events, String rule) {
        AwsCall.run(() -> events.disableRule(r -> r.name(rule)));
    }

    /** The state a region's rule should have when source is the replication source. */
    public static String wanted(String region, String source) {
        return (region.equals(source) ? RuleState.ENABLED : RuleState.DISABLED).toString();
    }
}
