package io.devopscli.resources.events;

/** A rule target as the replication trigger sees it: what it invokes, its retry policy and dead-letter queue. */
public record ReplicationTarget(String id, String arn, Integer maxRetryAttempts, Integer maxEventAgeSeconds,
                                String deadLetterArn) {
    @Override
    public String toString() {
        return id + " -> " + arn + " (retries " + maxRetryAttempts + ", max age " + maxEventAgeSeconds + "s, DLQ "
                + deadLetterArn + ")";
    }
}
