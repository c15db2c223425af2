package io.devopscli.resources;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.RunReads;
import io.devopscli.engine.RegionContext;
import java.util.function.Supplier;

/**
 * Observe's reads of global services (IAM, Route 53), made once per plan for every region instead of once
 * per region: each region's graph takes the run's current plan memo (RunReads) the first time it asks,
 * so a graph built for a new plan never sees an older plan's answer. Outside a session (clients of their
 * own) it is the region's memo. Only for observe: creates and updates read AWS directly.
 */
public final class GlobalReads {
    private static final String PLAN = "global-reads";

    private GlobalReads() {
    }

    public static <T> T memo(RegionContext ctx, String name, Supplier<T> read) {
        RunReads reads = ctx.services(AwsClients.class).runReads();
        if (!reads.sharedAcrossRegions()) {
            return ctx.memo(name, read);
        }
        RunReads.Memo plan = ctx.memo(PLAN, reads::currentPlan);
        return plan.get(name, read);
    }
}
