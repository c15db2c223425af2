package io.devopscli.resources.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import io.devopscli.aws.EndpointCapabilities;
import io.devopscli.aws.EndpointCapabilities.Gap;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import io.devopscli.testing.LoopbackEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A metric filter is deleted before it is put again only where PutMetricFilter appends (the emulator's
 * gap), and only on an update: a create follows a plan that found no filter of the name, so there is nothing
 * to append to. On AWS the put alone replaces it, with no gap in counting. moto cannot show the AWS side (it
 * appends), so a scripted loopback endpoint records the calls. Fails if the capability is ignored or inverted.
 */
class MetricFilterPutTest {
    private static final MetricFilterSpec SPEC = new MetricFilterSpec("proj-errors",
            new ResourceKey("us-east-1", "logs/log-group", "app"), "/ecs/proj", "ERROR", "proj", "Errors", "1", 0.0);

    @Test
    void anUpdateDeletesFirstOnlyWherePutAppends() {
        assertEquals(List.of("DeleteMetricFilter", "PutMetricFilter"), callsToPut(EndpointCapabilities.EMULATOR, true));
        assertEquals(List.of("PutMetricFilter"),
                callsToPut(EndpointCapabilities.EMULATOR.with(Gap.METRIC_FILTER_PUT_REPLACES, false), true));
    }

    @Test
    void aCreateOnlyPuts() {
        assertEquals(List.of("PutMetricFilter"), callsToPut(EndpointCapabilities.EMULATOR, false));
        assertEquals(List.of("PutMetricFilter"),
                callsToPut(EndpointCapabilities.EMULATOR.with(Gap.METRIC_FILTER_PUT_REPLACES, false), false));
    }

    private static List<String> callsToPut(EndpointCapabilities capabilities, boolean update) {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(r -> LoopbackEndpoint.Answer.json("{}"));
             AwsClients clients = new AwsClients("us-east-1",
                     ClientSettings.resolve(endpoint.url().toString(), null).withCapabilities(capabilities))) {
            RegionContext ctx = new RegionContext("us-east-1", "proj", clients, Progress.SILENT);
            MetricFilterReconciler reconciler = new MetricFilterReconciler();
            if (update) {
                MetricFilterState old = new MetricFilterState(SPEC.name(), SPEC.logGroupName(), "WARN", "proj", "Errors", "1", 0.0);
                reconciler.update(SPEC, old, reconciler.diff(SPEC, old), ctx);
            } else {
                reconciler.create(SPEC, ctx);
            }
            return endpoint.operations();
        }
    }
}
