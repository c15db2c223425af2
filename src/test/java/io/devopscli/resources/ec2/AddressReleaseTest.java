package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.Progress;
import io.devopscli.engine.Waiter;
import io.devopscli.testing.RetryBounds;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressResponse;

/**
 * AWS locks a NAT gateway's address for a while after the gateway is deleted; moto does not, so these
 * cases run against a scripted client.
 */
@RetryBounds(boundMillis = 100, firstDelayMillis = 5)
class AddressReleaseTest {
    private static final Waiter SHORT = new Waiter(Duration.ofSeconds(2), Duration.ofMillis(5), Duration.ofMillis(20));

    @Test
    void retriesWhileTheDeletedGatewayStillHoldsTheAddress() {
        Scripted ec2 = new Scripted(true);
        ec2.releases.add(FakeEc2Failures.error("AuthFailure", "You do not have permission to access the specified resource."));
        ec2.releases.add(FakeEc2Failures.error("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID 'eni-1' does not exist"));
        ec2.releases.add(FakeEc2Failures.error("InvalidIPAddress.InUse", "Address is in use"));

        AddressRelease.release(ec2, "eipalloc-1", SHORT, Progress.SILENT);

        assertEquals(4, ec2.releaseCalls, "three refusals, then the release");
    }

    @Test
    void anAuthFailureOnAFreeAddressIsARealPermissionProblem() {
        Scripted ec2 = new Scripted(false);
        ec2.releases.add(FakeEc2Failures.error("AuthFailure", "You do not have permission to access the specified resource."));

        AwsFailure failure = assertThrows(AwsFailure.class,
                () -> AddressRelease.release(ec2, "eipalloc-1", SHORT, Progress.SILENT));
        assertEquals("AuthFailure", failure.code());
        assertEquals(1, ec2.releaseCalls);
    }

    @Test
    void anAlreadyReleasedAddressIsDone() {
        Scripted ec2 = new Scripted(false);
        ec2.releases.add(FakeEc2Failures.error("InvalidAllocationID.NotFound", "The allocation ID 'eipalloc-1' does not exist"));

        AddressRelease.release(ec2, "eipalloc-1", SHORT, Progress.SILENT);
        assertEquals(1, ec2.releaseCalls);
    }

    @Test
    void aHoldThatNeverEndsFailsAtTheBound() {
        Scripted ec2 = new Scripted(true);
        for (int i = 0; i < 10_000; i++) {
            ec2.releases.add(FakeEc2Failures.error("AuthFailure", "You do not have permission to access the specified resource."));
        }
        assertThrows(Waiter.WaitTimeoutException.class,
                () -> AddressRelease.release(ec2, "eipalloc-1", SHORT, Progress.SILENT));
    }

    /** Answers ReleaseAddress from a script (then success) and DescribeAddresses with one address. */
    private static final class Scripted implements Ec2Client {
        final Deque<RuntimeException> releases = new ArrayDeque<>();
        final boolean associated;
        int releaseCalls;

        Scripted(boolean associated) {
            this.associated = associated;
        }

        @Override
        public ReleaseAddressResponse releaseAddress(ReleaseAddressRequest request) {
            releaseCalls++;
            RuntimeException next = releases.poll();
            if (next != null) {
                throw next;
            }
            return ReleaseAddressResponse.builder().build();
        }

        @Override
        public DescribeAddressesResponse describeAddresses(DescribeAddressesRequest request) {
            Address.Builder a = Address.builder().allocationId("eipalloc-1");
            if (associated) {
                a.associationId("eipassoc-1").networkInterfaceId("eni-1");
            }
            return DescribeAddressesResponse.builder().addresses(a.build()).build();
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
