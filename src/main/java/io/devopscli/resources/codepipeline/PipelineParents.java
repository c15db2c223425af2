package io.devopscli.resources.codepipeline;

/**
 * The ids the pipeline's parents published, resolved by observe so that diff stays pure. A null id
 * belongs to a parent that does not exist yet (it is created in this run, before the pipeline).
 */
public record PipelineParents(String roleArn, String artifactBucket, String buildProject, String approvalTopicArn) {}
