package io.devopscli.resources.sns;

/**
 * Our email subscription as observed. A subscription waiting for its recipient to confirm is present
 * (pending) but has no ARN yet: SNS lists it as "PendingConfirmation".
 */
public record EmailSubscriptionState(String topicArn, String endpoint, String subscriptionArn, boolean pending) {}
