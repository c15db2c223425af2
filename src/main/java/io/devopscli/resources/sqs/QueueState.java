package io.devopscli.resources.sqs;

import com.fasterxml.jackson.databind.JsonNode;

/** An owned queue as observed: url, ARN, retention and access policy (as a JSON tree, or null). */
public record QueueState(String name, String url, String arn, int retentionSeconds, JsonNode policy) {}
