package io.devopscli.resources.ec2;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Plan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;

@EmulatorTest
class ElasticIpReconcilerEmulatorTest {
    static final Waiter SHORT = new Waiter(Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(200));
    private static final ResourceKey KEY = key("ec2/elastic-ip", "nat-us-east-1a");

    private EngineHarness harness;
    private Ec2Client ec2;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> g.add(KEY, new ElasticIpReconciler(SHORT), new ElasticIpSpec("natproj-nat-a")));
        ec2 = harness.clients().ec2();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicAllocatesATaggedVpcAddress() {
        harness.up();

        List<Address> all = ec2.describeAddresses().addresses();
        assertEquals(1, all.size());
        assertEquals("vpc", all.get(0).domainAsString());
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, "natproj-nat-a"), OwnedTags.asMap(all.get(0).tags()));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void idempotentSecondRunAllocatesNothing() {
        harness.assertSecondRunChangesNothing();
        assertEquals(1, ec2.describeAddresses().addresses().size());
    }

    @Test
    void anUntaggedOrForeignAddressIsNotOurs() {
        ec2.allocateAddress(r -> r.domain("vpc"));
        ec2.allocateAddress(r -> r.domain("vpc").tagSpecifications(
                OwnedTags.at(software.amazon.awssdk.services.ec2.model.ResourceType.ELASTIC_IP, "other", "natproj-nat-a")));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        harness.up();
        harness.down();
        assertEquals(2, ec2.describeAddresses().addresses().size(), "the two foreign addresses survive down");
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        ec2.releaseAddress(r -> r.allocationId(ec2.describeAddresses().addresses().get(0).allocationId()));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(1, ec2.describeAddresses().addresses().size());
    }

    @Test
    void destroyReleasesTheAddress() {
        harness.up();
        harness.down();
        assertEquals(List.of(), ec2.describeAddresses().addresses());
    }
}
