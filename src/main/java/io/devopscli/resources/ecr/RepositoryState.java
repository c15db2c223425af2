package io.devopscli.resources.ecr;

import com.fasterxml.jackson.databind.JsonNode;

/** An owned repository as observed; lifecyclePolicy is null when it has none. */
public record RepositoryState(String name, String arn, String uri, boolean scanOnPush, String tagMutability,
                              String encryptionType, JsonNode lifecyclePolicy) {}
