package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsFailure;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * A delete that still fails on DependencyViolation after AwsCall's bounded retries says what holds the
 * resource: the network interfaces in the subnet, the group or the VPC (Lambda and ECS leave them behind
 * for 20+ minutes), so the operator knows what to wait for or remove.
 */
final class Holders {
    private static final int SHOWN = 5;

    private Holders() {
    }

    /** Runs the delete; on DependencyViolation, fails naming the interfaces matching filter=id. */
    static void deleting(Ec2Client ec2, String filter, String id, Runnable delete) {
        try {
            delete.run();
        } catch (AwsFailure f) {
            if (!f.code().equals("DependencyViolation")) {
                throw f;
            }
            throw new AwsFailure(f.kind(), f.code(), f.getMessage() + "; still held by " + describe(ec2, filter, id), f);
        }
    }

    private static String describe(Ec2Client ec2, String filter, String id) {
        try {
            List<NetworkInterface> enis = AwsCall.within(java.time.Duration.ofSeconds(10),
                    () -> ec2.describeNetworkInterfaces(r -> r.filters(OwnedTags.filter(filter, id))).networkInterfaces());
            List<String> all = new java.util.ArrayList<>(enis.stream().map(n -> n.networkInterfaceId() + " ("
                    + (n.description() == null || n.description().isBlank() ? n.interfaceTypeAsString() : n.description())
                    + ", " + n.statusAsString() + ")").toList());
            if (filter.equals("vpc-id")) {
                AwsCall.within(java.time.Duration.ofSeconds(10), () -> ec2.describeSubnets(r -> r.filters(
                        OwnedTags.filter("vpc-id", id))).subnets()).forEach(sn -> all.add(sn.subnetId() + " (subnet)"));
            }
            if (all.isEmpty()) {
                return "no network interface (look for other dependents: gateways, route tables, endpoints)";
            }
            List<String> shown = all.stream().limit(SHOWN).toList();
            return String.join(", ", shown) + (all.size() > SHOWN ? " and " + (all.size() - SHOWN) + " more" : "");
        } catch (RuntimeException e) {
            return "(could not list the network interfaces: " + e.getMessage() + ")";
        }
    }
}
