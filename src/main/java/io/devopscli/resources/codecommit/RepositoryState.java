package io.devopscli.resources.codecommit;

/**
 * An owned repository as observed. description is the spec's part (without the ownership marker);
 * defaultBranch is null until the first push creates a branch.
 */
public record RepositoryState(String name, String arn, String description, String cloneUrlHttp, String defaultBranch) {}
