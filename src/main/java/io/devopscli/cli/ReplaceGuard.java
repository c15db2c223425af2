package io.devopscli.cli;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Plan;
import java.util.List;
import java.util.Set;

/**
 * What up must not replace or delete on --yes alone: resources that are stateful or slow to bring back
 * (a VPC takes everything in it along, a NAT gateway or load balancer minutes and a new address, a hosted
 * zone new name servers). Such a plan needs --allow-replace, or a "yes" typed on a terminal.
 * Removing a duplicate is not in this list: the copy is not the one in use.
 */
final class ReplaceGuard {
    static final Set<String> GUARDED = Set.of("ec2/vpc", "ec2/nat-gateway", "elbv2/load-balancer", "route53/hosted-zone",
            "ecr/repository", "codecommit/repository", "s3/bucket", "sqs/queue", "logs/log-group");

    private ReplaceGuard() {
    }

    /** The guarded resources this plan replaces or deletes. */
    static List<Change> guarded(Plan plan) {
        return plan.allChanges().stream()
                .filter(c -> c.action() == Action.REPLACE || c.action() == Action.DELETE)
                .filter(c -> GUARDED.contains(c.key().type()))
                .toList();
    }

    static String describe(List<Change> changes) {
        return String.join(", ", changes.stream().map(c -> c.action().label() + " " + c.key().describe()).toList());
    }
}
