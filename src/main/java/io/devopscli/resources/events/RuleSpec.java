package io.devopscli.resources.events;

import io.devopscli.engine.ResourceKey;

/**
 * The EventBridge rule that starts the pipeline on pushes to one branch. Parents publish: repository =
 * repository ARN, pipeline = pipeline name, role = ARN of the role EventBridge assumes to start it.
 */
public record RuleSpec(String name, ResourceKey repository, String branch, ResourceKey pipeline, ResourceKey role) {}
