package io.devopscli.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({"10.0.0.0/16", "0.0.0.0/0", "255.255.255.255/32", "172.31.240.0/20", "192.168.0.0/28"})
    void parsesAndPrintsTheSameBlock(String text) {
        assertEquals(text, Cidr.parse(text).toString());
    }

    @Test
    void knowsItsBounds() {
        Cidr cidr = Cidr.parse("10.1.0.0/16");

        assertEquals(0x0A010000L, cidr.address());
        assertEquals(16, cidr.prefix());
        assertEquals(65536, cidr.size());
        assertEquals(0x0A01FFFFL, cidr.last());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0/16      | '10.0.0/16' is not a CIDR block of the form a.b.c.d/n",
            "10.0.0.0       | '10.0.0.0' is not a CIDR block of the form a.b.c.d/n",
            "10.0.0.0/      | '10.0.0.0/' is not a CIDR block of the form a.b.c.d/n",
            "a.b.c.d/16     | 'a.b.c.d/16' is not a CIDR block of the form a.b.c.d/n",
            "10.0.0.0/16/2  | '10.0.0.0/16/2' is not a CIDR block of the form a.b.c.d/n",
            "10.300.0.0/16  | '10.300.0.0/16' has an octet above 255: 300",
            "010.0.0.0/16   | '010.0.0.0/16' has an octet with a leading zero: 010",
            "10.0.0.0/33    | prefix /33 is outside /0 to /32",
            "10.0.0.1/16    | host bits set in 10.0.0.1/16; did you mean 10.0.0.0/16?",
            "10.0.200.0/17  | host bits set in 10.0.200.0/17; did you mean 10.0.128.0/17?",
    })
    void refusesMalformedBlocks(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0} and {1} overlap: {2}")
    @CsvSource({
            "10.0.0.0/16,    10.1.0.0/16,    false",
            "10.0.0.0/16,    10.0.0.0/16,    true",
            "10.0.0.0/16,    10.0.128.0/17,  true",
            "10.0.0.0/8,     10.200.0.0/16,  true",
            "10.0.0.0/17,    10.0.128.0/17,  false",
            "10.0.255.240/28, 10.1.0.0/16,   false",
            "10.0.255.240/28, 10.0.0.0/16,   true",
            "0.0.0.0/0,      192.168.1.0/24, true",
            "192.168.0.0/24, 192.168.1.0/24, false",
            "255.255.255.255/32, 255.255.255.0/24, true",
    })
    void overlapsIsSymmetric(String a, String b, boolean expected) {
        assertEquals(expected, Cidr.parse(a).overlaps(Cidr.parse(b)));
        assertEquals(expected, Cidr.parse(b).overlaps(Cidr.parse(a)));
    }

    @Test
    void containsIsOneWay() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        Cidr subnet = Cidr.parse("10.0.3.0/24");

        assertTrue(vpc.contains(subnet));
        assertFalse(subnet.contains(vpc));
        assertTrue(vpc.contains(vpc));
    }

    @Test
    void carvesSubnetsByIndex() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");

        assertEquals("10.0.0.0/24", vpc.subnet(24, 0).toString());
        assertEquals("10.0.255.0/24", vpc.subnet(24, 255).toString());
        assertEquals("10.0.0.0/16", vpc.subnet(16, 0).toString());
        assertEquals("10.0.0.0/16 holds 256 blocks of /24, not block 256",
                assertThrows(IllegalArgumentException.class, () -> vpc.subnet(24, 256)).getMessage());
        assertEquals("/8 cannot be carved from 10.0.0.0/16",
                assertThrows(IllegalArgumentException.class, () -> vpc.subnet(8, 0)).getMessage());
    }
}
