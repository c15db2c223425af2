package io.devopscli.resources;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;

/** The account the run works in (STS GetCallerIdentity): asked once per run, see aws/RunReads. */
public final class AccountId {
    public static final String MEMO = "account-id";

    private AccountId() {
    }

    public static String of(RegionContext ctx) {
        return ctx.memo(MEMO, () -> ctx.services(AwsClients.class).accountId());
    }
}
