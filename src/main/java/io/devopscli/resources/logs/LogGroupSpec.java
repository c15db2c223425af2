package io.devopscli.resources.logs;

/** A CloudWatch Logs group with a retention period in days (one of the values CloudWatch allows). */
public record LogGroupSpec(String name, int retentionDays) {}
