package io.devopscli.resources.ecr;

import io.devopscli.resources.ResourceTraits;

/**
 * An ECR repository for the app's images. tagMutability is "IMMUTABLE" in the topology: the pipeline
 * pushes commit tags only, and a release tag must never move. keepImages is the N of the lifecycle
 * policy that expires all but the newest N images. encryptionType ("AES256") cannot change after create.
 */
public record RepositorySpec(String name, boolean scanOnPush, String tagMutability, String encryptionType,
                             int keepImages) implements ResourceTraits {
    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }

    public RepositorySpec {
        if (keepImages < 1) {
            throw new IllegalArgumentException("keepImages must be at least 1, was " + keepImages);
        }
    }

    /** What the reference topology wants: scan on push, AES256 at rest, immutable tags. */
    public static RepositorySpec secure(String name, int keepImages) {
        return new RepositorySpec(name, true, "IMMUTABLE", "AES256", keepImages);
    }
}
