package io.devopscli.topology;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * How a VPC's CIDR is carved into one public and one private subnet per availability zone: 2 * azs equal
 * blocks, /24 where the VPC is large enough (room to grow, easy to read), smaller where it is not.
 * Public subnet i is block i, private subnet i is block azs + i.
 */
public record SubnetLayout(Cidr vpc, int azs, int subnetPrefix, List<String> publicCidrs, List<String> privateCidrs) {
    /** AWS's smallest subnet. */
    public static final int SMALLEST_SUBNET_PREFIX = 28;
    private static final int PREFERRED_SUBNET_PREFIX = 24;

    public SubnetLayout {
        publicCidrs = List.copyOf(publicCidrs);
        privateCidrs = List.copyOf(privateCidrs);
    }

    public static SubnetLayout of(String vpcCidr, int azs) {
        return of(Cidr.parse(vpcCidr), azs);
    }

    public static SubnetLayout of(Cidr vpc, int azs) {
        if (azs < 1) {
            throw new IllegalArgumentException("at least one availability zone is needed, got " + azs);
        }
        int prefix = subnetPrefix(vpc.prefix(), azs).orElseThrow(() -> new IllegalArgumentException(
                tooSmall(vpc, azs)));
        List<String> publics = IntStream.range(0, azs).mapToObj(i -> vpc.subnet(prefix, i).toString()).toList();
        List<String> privates = IntStream.range(0, azs).mapToObj(i -> vpc.subnet(prefix, azs + i).toString()).toList();
        return new SubnetLayout(vpc, azs, prefix, publics, privates);
    }

    /** The subnets' prefix length, or empty when they would be smaller than AWS allows. */
    public static OptionalInt subnetPrefix(int vpcPrefix, int azs) {
        int prefix = Math.max(vpcPrefix + bitsFor(2 * azs), PREFERRED_SUBNET_PREFIX);
        return prefix <= SMALLEST_SUBNET_PREFIX ? OptionalInt.of(prefix) : OptionalInt.empty();
    }

    /** The longest VPC prefix (smallest VPC) that still holds the subnets of this many AZs. */
    public static int largestVpcPrefix(int azs) {
        return SMALLEST_SUBNET_PREFIX - bitsFor(2 * azs);
    }

    static String tooSmall(Cidr vpc, int azs) {
        return vpc + " is too small for " + azs + " AZ" + (azs == 1 ? "" : "s") + ": its " + 2 * azs
                + " subnets would be smaller than AWS's minimum /" + SMALLEST_SUBNET_PREFIX + "; use /"
                + largestVpcPrefix(azs) + " or larger";
    }

    /** ceil(log2(n)): the prefix bits needed to split a block into at least n parts. */
    private static int bitsFor(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
