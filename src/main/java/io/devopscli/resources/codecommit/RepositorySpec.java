package io.devopscli.resources.codecommit;

/** A CodeCommit repository: its name from the topology (pipeline.repository) and a description. */
public record RepositorySpec(String name, String description) {}
