package io.devopscli.resources.s3;

import io.devopscli.resources.IdempotencyTokens;
import java.util.Locale;

/**
 * S3 bucket names: global, 3 to 63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter
 * or digit. A name too long is cut and ends in a short hash of the whole name, so it stays deterministic
 * and distinct; the whole name goes into the Name tag.
 */
public final class BucketNames {
    static final int MAX = 63;
    private static final int HASH = 8;

    private BucketNames() {
    }

    /** P-artifacts-<region>-<account id>, fitted to the rules. */
    public static String artifacts(String base, String region, String accountId) {
        return fit(full(base, region, accountId));
    }

    /** P-lock-<region>-<account id>: the bucket holding the project's run lock (see ProjectLock). */
    public static String lock(String project, String region, String accountId) {
        return fit(project + "-lock-" + region + "-" + accountId);
    }

    /** The name before fitting, as the Name tag carries it. */
    static String full(String base, String region, String accountId) {
        return (base + "-" + region + "-" + accountId).toLowerCase(Locale.ROOT);
    }

    static String fit(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.length() <= MAX) {
            return lower;
        }
        String head = lower.substring(0, MAX - HASH - 1).replaceAll("[-.]+$", "");
        return head + "-" + IdempotencyTokens.of(lower).substring(0, HASH);
    }
}
