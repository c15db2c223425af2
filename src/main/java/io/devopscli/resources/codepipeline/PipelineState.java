package io.devopscli.resources.codepipeline;

/** An owned pipeline as observed: its declaration, and the parents' ids the declaration should point at. */
public record PipelineState(String name, String arn, PipelineShape declared, PipelineParents wanted) {}
