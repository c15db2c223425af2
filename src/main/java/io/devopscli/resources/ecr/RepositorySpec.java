package io.devopscli.resources.ecr;

/**
 * An ECR repository for the app's images. tagMutability is "IMMUTABLE" in the topology: the pipeline
 * pushes commit tags only, and a release tag must never move. keepImages is the N of the lifecycle
 * policy that expires all but the newest N images. encryptionType ("AES256") cannot change after create.
 */
public record RepositorySpec(String name, boolean scanOnPush, String tagMutability, String encryptionType,
                             int keepImages) {
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
