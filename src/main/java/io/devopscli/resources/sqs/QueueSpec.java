package io.devopscli.resources.sqs;

import io.devopscli.resources.ResourceTraits;

/**
 * A standard SQS queue (here the replication's dead-letter queue): how long it keeps messages, and its
 * access policy (JSON; null for none), which names the queue's own ARN and the senders allowed.
 */
public record QueueSpec(String name, int retentionSeconds, String policy) implements ResourceTraits {
    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }
}
