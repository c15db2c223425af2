package io.devopscli.resources.codecommit;

import io.devopscli.resources.ResourceTraits;

/** A CodeCommit repository: its name from the topology (pipeline.repository) and a description. */
public record RepositorySpec(String name, String description) implements ResourceTraits {
    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }
}
