package io.devopscli.resources.logs;

/** An owned log group as observed; retentionDays is 0 when its events never expire. */
public record LogGroupState(String name, String arn, int retentionDays) {}
