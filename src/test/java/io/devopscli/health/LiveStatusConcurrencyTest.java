package io.devopscli.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import io.devopscli.aws.EndpointCapabilities;
import io.devopscli.resources.codepipeline.PipelineStateQuery;
import io.devopscli.testing.LoopbackEndpoint;
import io.devopscli.topology.Topology;
import io.devopscli.topology.TopologyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A region's live checks start every independent read at once: each environment's service, the load
 * balancer, the pipeline and the alarms. The scripted endpoint holds each request until that many are in
 * flight together (or a few seconds pass) and counts the most it saw: one read after another, as before,
 * never gets past one. Every answer is a refusal, so every check also shows it cannot read.
 */
class LiveStatusConcurrencyTest {
    private final Topology topology = TopologyLoader.load(Path.of("config/topology.yaml"));

    @Test
    void aRegionsIndependentReadsAreInFlightTogether() throws Exception {
        int independent = topology.app().environmentNames().size() + 3; // services, load balancer, pipeline, alarms
        CountDownLatch together = new CountDownLatch(independent);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (LoopbackEndpoint aws = new LoopbackEndpoint(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            together.countDown();
            try {
                together.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return new LoopbackEndpoint.Answer(403, "application/x-amz-json-1.1",
                    "{\"__type\":\"AccessDeniedException\",\"message\":\"denied by the test\"}");
        }, true);
             AwsClients clients = new AwsClients("us-east-1", ClientSettings.resolve(aws.url().toString(), null))) {
            LiveStatus live = new LiveStatus(topology, EndpointCapabilities.EMULATOR, new HttpProbe(Duration.ofSeconds(1)),
                    new PipelineStateQuery(Duration.ofSeconds(2)));
            List<LiveCheck> checks = live.collect(clients);

            assertTrue(most.get() >= independent, "at most " + most.get() + " reads in flight at once, want " + independent);
            // the checks keep their order and none of them reads as healthy
            assertEquals("ecs " + topology.app().environmentNames().get(0), checks.get(0).name());
            assertEquals("alarms", checks.get(checks.size() - 1).name());
            assertTrue(checks.stream().filter(c -> !c.name().startsWith("commit") && !c.name().startsWith("probe"))
                    .noneMatch(LiveCheck::ok), checks.toString());
        }
    }
}
