package io.devopscli.resources.sns;

/** An owned topic as observed. DisplayName is "" when unset, as SNS reports it. */
public record TopicState(String name, String arn, String displayName) {}
