package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.Progress;
import io.devopscli.engine.Waiter;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;

/**
 * Releases an Elastic IP, waiting out the NAT gateway that held it. AWS keeps the address locked for a
 * while after its NAT gateway is deleted, and says so with misleading codes: AuthFailure ("You do not
 * have permission") or InvalidIPAddress.InUse, and for a moment InvalidNetworkInterfaceID.NotFound about
 * the gateway's vanishing interface. Those are retried up to the waiter's bound; AuthFailure only while
 * the address still shows an association, so a real permission problem fails at once.
 */
final class AddressRelease {
    private static final Set<String> STILL_HELD = Set.of("InvalidIPAddress.InUse", "InvalidNetworkInterfaceID.NotFound");

    private AddressRelease() {
    }

    static void release(Ec2Client ec2, String allocationId, Waiter waiter, Progress progress) {
        waiter.until("releasing elastic ip " + allocationId, progress, () -> {
            try {
                AwsCall.run(() -> ec2.releaseAddress(r -> r.allocationId(allocationId)));
                return Optional.of(Boolean.TRUE);
            } catch (AwsFailure f) {
                if (f.code().equals("InvalidAllocationID.NotFound")) {
                    return Optional.of(Boolean.TRUE); // already released
                }
                if (STILL_HELD.contains(f.code())) {
                    return Optional.empty();
                }
                if (f.code().equals("AuthFailure")) {
                    Optional<Address> address = describe(ec2, allocationId);
                    if (address.isEmpty()) {
                        return Optional.of(Boolean.TRUE);
                    }
                    if (isHeld(address.get())) {
                        return Optional.empty(); // locked by the NAT gateway being deleted
                    }
                }
                throw f;
            }
        });
    }

    /** Associated with something; the emulator answers "" where AWS leaves the fields out. */
    static boolean isHeld(Address a) {
        return !isBlank(a.associationId()) || !isBlank(a.networkInterfaceId());
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static Optional<Address> describe(Ec2Client ec2, String allocationId) {
        return AwsCall.orEmpty(() -> ec2.describeAddresses(r -> r.allocationIds(allocationId)))
                .flatMap(r -> r.addresses().stream().findFirst());
    }
}
