package io.devopscli.resources.s3;

import io.devopscli.resources.ResourceTraits;

/**
 * The pipeline's artifact bucket, named base-region-accountId (base is "P-artifacts"), and how many days
 * noncurrent object versions are kept (0: no expiry rule). Versioning, SSE-S3 encryption and a full
 * public access block are not options: the reconciler always wants them.
 */
public record ArtifactBucketSpec(String base, int noncurrentVersionExpirationDays) implements ResourceTraits {
    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }
}
