package io.devopscli.resources.sns;

import com.fasterxml.jackson.databind.JsonNode;

/** The topic's Policy attribute as observed, and the account the wanted policy names. */
public record TopicPolicyState(String topicArn, JsonNode policy, String account) {}
