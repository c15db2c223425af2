package io.devopscli.resources;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * The account the run works in and the ARN partition of a region, for the ARNs AWS derives from names
 * (arn:aws:sns:us-east-1:123456789012:P-approval). The account id comes from STS once per run and region.
 */
public final class CallerAccount {
    /** The memo key; any reconciler asking for the account shares this one GetCallerIdentity. */
    public static final String MEMO = "account-id";

    private CallerAccount() {
    }

    public static String id(RegionContext ctx) {
        return ctx.memo(MEMO, () -> AwsCall.call(() -> ctx.services(AwsClients.class).sts().getCallerIdentity())
                .account());
    }

    /** aws, aws-cn, aws-us-gov ..., as the SDK's partition metadata knows them. */
    public static String partition(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }

    /** arn:partition:service:region:account:resource for the run's region and account. */
    public static String arn(RegionContext ctx, String service, String resource) {
        return "arn:" + partition(ctx.region()) + ":" + service + ":" + ctx.region() + ":" + id(ctx) + ":" + resource;
    }
}
