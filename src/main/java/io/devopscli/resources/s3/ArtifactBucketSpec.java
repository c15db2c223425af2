package io.devopscli.resources.s3;

/**
 * The pipeline's artifact bucket, named base-region-accountId (base is "P-artifacts"), and how many days
 * noncurrent object versions are kept (0: no expiry rule). Versioning, SSE-S3 encryption and a full
 * public access block are not options: the reconciler always wants them.
 */
public record ArtifactBucketSpec(String base, int noncurrentVersionExpirationDays) {}
