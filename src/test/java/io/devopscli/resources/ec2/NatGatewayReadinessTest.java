package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Waiter;
import io.devopscli.testing.RetryBounds;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;

/** moto's gateways are available at once and never fail; AWS's take minutes and sometimes fail. */
@RetryBounds(boundMillis = 100, firstDelayMillis = 5)
class NatGatewayReadinessTest {
    private static final Waiter SHORT = new Waiter(Duration.ofSeconds(2), Duration.ofMillis(5), Duration.ofMillis(20));
    private final NatGatewayReconciler reconciler = new NatGatewayReconciler(SHORT);

    @Test
    void waitsThroughNotFoundAndPendingUntilAvailable() {
        Scripted ec2 = new Scripted();
        ec2.answers.add(List.of()); // not visible yet right after create
        ec2.answers.add(List.of(gateway("pending")));
        ec2.answers.add(List.of(gateway("available")));
        List<String> progress = new ArrayList<>();

        NatGatewayState state = reconciler.awaitAvailable(ec2, "nat-1", "subnet-1", "eipalloc-1", progress::add);

        assertEquals(new NatGatewayState("nat-1", "available", "subnet-1", "eipalloc-1", "subnet-1", "eipalloc-1"), state);
    }

    @Test
    void aFailedGatewayFailsTheNodeWithAwsReason() {
        Scripted ec2 = new Scripted();
        ec2.answers.add(List.of(gateway("pending")));
        ec2.answers.add(List.of(gateway("failed").toBuilder().failureCode("Resource.AlreadyAssociated")
                .failureMessage("Elastic IP address [eipalloc-1] is already associated").build()));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reconciler.awaitAvailable(ec2, "nat-1", "subnet-1", "eipalloc-1", m -> { }));
        assertTrue(e.getMessage().contains("nat gateway nat-1 to become available: failed: Resource.AlreadyAssociated: Elastic IP address [eipalloc-1]"),
                e.getMessage());
    }

    @Test
    void onlyPendingOrAvailableGatewaysAreLiveAndAvailableWins() {
        List<NatGateway> found = List.of(gateway("failed").toBuilder().natGatewayId("nat-0").build(),
                gateway("deleted").toBuilder().natGatewayId("nat-2").build(),
                gateway("pending").toBuilder().natGatewayId("nat-3").build(),
                gateway("available").toBuilder().natGatewayId("nat-4").build());
        assertEquals("nat-4", NatGatewayReconciler.pickLive(found).orElseThrow().natGatewayId());
        assertTrue(NatGatewayReconciler.pickLive(found.subList(0, 2)).isEmpty(), "failed and deleted ones are not ours to keep");
    }

    private static NatGateway gateway(String state) {
        return NatGateway.builder().natGatewayId("nat-1").state(state).subnetId("subnet-1")
                .natGatewayAddresses(NatGatewayAddress.builder().allocationId("eipalloc-1").build()).build();
    }

    /** Answers DescribeNatGateways from a script, repeating the last answer. */
    private static final class Scripted implements Ec2Client {
        final Deque<List<NatGateway>> answers = new ArrayDeque<>();

        @Override
        public DescribeNatGatewaysResponse describeNatGateways(DescribeNatGatewaysRequest request) {
            List<NatGateway> next = answers.size() > 1 ? answers.poll() : answers.peek();
            return DescribeNatGatewaysResponse.builder().natGateways(next).build();
        }

        @Override
        public String serviceName() {
            return "ec2";
        }

        @Override
        public void close() {
        }
    }
}
