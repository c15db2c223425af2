package io.devopscli.topology;

/** The delivery pipeline: the CodeCommit repository, the branch it builds and who approves production. */
public record PipelineSpec(String repository, String branch, String approvalEmail) {}
