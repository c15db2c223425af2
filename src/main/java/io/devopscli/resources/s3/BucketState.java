package io.devopscli.resources.s3;

import java.util.Map;

/**
 * An owned bucket as observed. versioning is "Enabled", "Suspended" or "Off"; encryption the default
 * algorithm or "none"; noncurrentVersionExpirationDays 0 without our rule. wantedTags are the tags the
 * bucket should carry (resolved by observe, which knows the project and account); hasObjects says whether
 * any object version or delete marker is in it.
 */
public record BucketState(String name, Map<String, String> tags, String versioning, String encryption,
                          PublicAccess publicAccess, int noncurrentVersionExpirationDays, boolean hasObjects,
                          Map<String, String> wantedTags) {
    public BucketState {
        tags = Map.copyOf(tags);
        wantedTags = Map.copyOf(wantedTags);
    }

    /** The four switches of the bucket's public access block (all false when it has none). */
    public record PublicAccess(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                               boolean restrictPublicBuckets) {
        public static final PublicAccess ALL_BLOCKED = new PublicAccess(true, true, true, true);
        public static final PublicAccess NONE = new PublicAccess(false, false, false, false);
    }
}
