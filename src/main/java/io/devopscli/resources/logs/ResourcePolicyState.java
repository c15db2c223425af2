package io.devopscli.resources.logs;

import com.fasterxml.jackson.databind.JsonNode;

/** A resource policy as observed; wantedGroupArn is the ARN of the group the spec names, when it exists. */
public record ResourcePolicyState(String name, JsonNode document, String wantedGroupArn) {}
