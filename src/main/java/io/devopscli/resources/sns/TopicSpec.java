package io.devopscli.resources.sns;

/**
 * An SNS topic (standard, not FIFO). displayName is the sender name email subscribers see; it is the
 * topic's one mutable field.
 */
public record TopicSpec(String name, String displayName) {}
