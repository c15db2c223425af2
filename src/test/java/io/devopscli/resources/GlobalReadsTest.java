package io.devopscli.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import io.devopscli.aws.RunReads;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A global read is made once per plan for every region of a session, again for a new plan (up plans
 * again under the lock), and once per region graph for clients of their own. No AWS call: the read is
 * a counter.
 */
class GlobalReadsTest {
    private static final ClientSettings SETTINGS = ClientSettings.resolve("http://127.0.0.1:9", null);

    @Test
    void oneReadPerPlanForEveryRegionOfASession() {
        RunReads reads = RunReads.shared();
        AtomicInteger calls = new AtomicInteger();
        RegionContext a = context("eu-west-1", new AwsClients("eu-west-1", SETTINGS, reads));
        RegionContext b = context("us-east-1", new AwsClients("us-east-1", SETTINGS, reads));
        assertEquals(1, (int) GlobalReads.memo(a, "x", calls::incrementAndGet));
        assertEquals(1, (int) GlobalReads.memo(b, "x", calls::incrementAndGet));
        assertEquals(1, calls.get());

        reads.newPlan();
        RegionContext freshA = context("eu-west-1", new AwsClients("eu-west-1", SETTINGS, reads));
        assertEquals(2, (int) GlobalReads.memo(freshA, "x", calls::incrementAndGet));
        // a graph of the old plan keeps the old plan's answer
        assertEquals(1, (int) GlobalReads.memo(b, "x", calls::incrementAndGet));
        assertEquals(2, calls.get());
    }

    @Test
    void clientsOfTheirOwnReadOncePerRegionGraph() {
        AtomicInteger calls = new AtomicInteger();
        AwsClients own = new AwsClients("eu-west-1", SETTINGS);
        GlobalReads.memo(context("eu-west-1", own), "x", calls::incrementAndGet);
        GlobalReads.memo(context("eu-west-1", own), "x", calls::incrementAndGet);
        assertEquals(2, calls.get());
    }

    private static RegionContext context(String region, AwsClients clients) {
        return new RegionContext(region, "p", clients, Progress.SILENT);
    }
}
