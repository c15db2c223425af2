package io.devopscli.resources;

import io.devopscli.engine.RegionContext;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * The ARNs AWS derives from a name in the run's region and account
 * (arn:aws:sns:us-east-1:123456789012:P-approval), for resources observed at that ARN or referred to by it.
 */
public final class RegionalArns {
    private RegionalArns() {
    }

    /** arn:partition:service:region:account:resource, the account from STS once per run (AccountId). */
    public static String of(RegionContext ctx, String service, String resource) {
        return "arn:" + partition(ctx.region()) + ":" + service + ":" + ctx.region() + ":" + AccountId.of(ctx) + ":"
                + resource;
    }

    /** aws, aws-cn, aws-us-gov ..., as the SDK's partition metadata knows them. */
    public static String partition(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }
}
