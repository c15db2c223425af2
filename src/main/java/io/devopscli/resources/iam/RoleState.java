package io.devopscli.resources.iam;

import com.fasterxml.jackson.databind.JsonNode;

/** An owned role as observed: its trust policy, and its inline policy of the spec's name (null if missing). */
public record RoleState(String name, String arn, JsonNode trustPolicy, JsonNode policy) {}
