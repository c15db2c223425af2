package io.devopscli.resources.logs;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;

/**
 * moto 5.2.5 appends on PutMetricFilter where AWS replaces the filter of that name, so a second put left
 * two filters of one name. Against an endpoint override the filter is deleted first; against AWS a put
 * alone replaces it without a gap in counting.
 */
final class MotoMetricFilters {
    private MotoMetricFilters() {
    }

    static boolean appendsOnPut(RegionContext ctx) {
        return ctx.services(AwsClients.class).settings().endpoint().isPresent();
    }
}
