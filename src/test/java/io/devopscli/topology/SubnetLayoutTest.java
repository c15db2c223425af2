package io.devopscli.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubnetLayoutTest {

    @Test
    void theReferenceVpcGetsFourSlash24s() {
        SubnetLayout layout = SubnetLayout.of("10.0.0.0/16", 2);

        assertEquals(24, layout.subnetPrefix());
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24"), layout.publicCidrs());
        assertEquals(List.of("10.0.2.0/24", "10.0.3.0/24"), layout.privateCidrs());
    }

    @ParameterizedTest(name = "{0} with {1} AZs")
    @CsvSource(delimiter = '|', value = {
            // large VPCs still get /24s
            "10.0.0.0/16   | 3 | 10.0.0.0/24 10.0.1.0/24 10.0.2.0/24 | 10.0.3.0/24 10.0.4.0/24 10.0.5.0/24",
            "10.0.0.0/16   | 1 | 10.0.0.0/24 | 10.0.1.0/24",
            "172.18.0.0/20 | 3 | 172.18.0.0/24 172.18.1.0/24 172.18.2.0/24 | 172.18.3.0/24 172.18.4.0/24 172.18.5.0/24",
            // small VPCs split into 2 * azs blocks (rounded up to a power of two)
            "10.0.0.0/24   | 2 | 10.0.0.0/26 10.0.0.64/26 | 10.0.0.128/26 10.0.0.192/26",
            "10.0.0.0/24   | 3 | 10.0.0.0/27 10.0.0.32/27 10.0.0.64/27 | 10.0.0.96/27 10.0.0.128/27 10.0.0.160/27",
            "10.0.0.0/23   | 6 | 10.0.0.0/27 10.0.0.32/27 10.0.0.64/27 10.0.0.96/27 10.0.0.128/27 10.0.0.160/27"
                    + " | 10.0.0.192/27 10.0.0.224/27 10.0.1.0/27 10.0.1.32/27 10.0.1.64/27 10.0.1.96/27",
            // the /28 edge: the smallest subnets AWS allows
            "10.0.0.0/26   | 2 | 10.0.0.0/28 10.0.0.16/28 | 10.0.0.32/28 10.0.0.48/28",
            "10.0.0.0/27   | 1 | 10.0.0.0/28 | 10.0.0.16/28",
            "10.9.8.0/25   | 4 | 10.9.8.0/28 10.9.8.16/28 10.9.8.32/28 10.9.8.48/28"
                    + " | 10.9.8.64/28 10.9.8.80/28 10.9.8.96/28 10.9.8.112/28",
    })
    void carvesPublicThenPrivateBlocks(String vpc, int azs, String publics, String privates) {
        SubnetLayout layout = SubnetLayout.of(vpc, azs);

        assertEquals(List.of(publics.split(" ")), layout.publicCidrs());
        assertEquals(List.of(privates.split(" ")), layout.privateCidrs());
    }

    @ParameterizedTest(name = "{0} with {1} AZs is too small")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/27 | 2 | 10.0.0.0/27 is too small for 2 AZs: its 4 subnets would be smaller than AWS's minimum /28; use /26 or larger",
            "10.0.0.0/28 | 1 | 10.0.0.0/28 is too small for 1 AZ: its 2 subnets would be smaller than AWS's minimum /28; use /27 or larger",
            "10.0.0.0/26 | 3 | 10.0.0.0/26 is too small for 3 AZs: its 6 subnets would be smaller than AWS's minimum /28; use /25 or larger",
            "10.0.0.0/25 | 5 | 10.0.0.0/25 is too small for 5 AZs: its 10 subnets would be smaller than AWS's minimum /28; use /24 or larger",
    })
    void refusesVpcsTooSmallForTheirSubnets(String vpc, int azs, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubnetLayout.of(vpc, azs));
        assertEquals(message, e.getMessage());
    }

    @Test
    void subnetPrefixAndLargestVpcPrefixAgree() {
        for (int azs = 1; azs <= 6; azs++) {
            int largest = SubnetLayout.largestVpcPrefix(azs);
            assertEquals(OptionalInt.of(28), SubnetLayout.subnetPrefix(largest, azs), "azs " + azs);
            assertEquals(OptionalInt.empty(), SubnetLayout.subnetPrefix(largest + 1, azs), "azs " + azs);
        }
        assertEquals(OptionalInt.of(24), SubnetLayout.subnetPrefix(16, 6));
    }

    @Test
    void needsAtLeastOneZone() {
        assertThrows(IllegalArgumentException.class, () -> SubnetLayout.of("10.0.0.0/16", 0));
    }
}
