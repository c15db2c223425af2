package io.devopscli.topology;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 CIDR block whose address is its network address (no host bits set).
 *
 * @param address the network address as an unsigned 32-bit number
 * @param prefix  the prefix length, 0 to 32
 */
public record Cidr(long address, int prefix) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix /" + prefix + " is outside /0 to /32");
        }
        if (address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("address " + address + " is not an IPv4 address");
        }
        if ((address & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set in " + format(address) + "/" + prefix
                    + "; did you mean " + format(address & mask(prefix)) + "/" + prefix + "?");
        }
    }

    /** Parses a.b.c.d/n strictly: decimal octets 0 to 255 without leading zeros, no host bits. */
    public static Cidr parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block of the form a.b.c.d/n");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            String octet = m.group(i);
            // a leading zero reads as octal in some tools: refuse the ambiguity
            if (octet.length() > 1 && octet.startsWith("0")) {
                throw new IllegalArgumentException("'" + text + "' has an octet with a leading zero: " + octet);
            }
            int value = Integer.parseInt(octet);
            if (value > 255) {
                throw new IllegalArgumentException("'" + text + "' has an octet above 255: " + octet);
            }
            address = (address << 8) | value;
        }
        return new Cidr(address, Integer.parseInt(m.group(5)));
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public long last() {
        return address + size() - 1;
    }

    public boolean contains(Cidr other) {
        return other.address >= address && other.last() <= last();
    }

    /** Two aligned blocks overlap exactly when one contains the other. */
    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** The index-th block of length newPrefix inside this one. */
    public Cidr subnet(int newPrefix, long index) {
        if (newPrefix < prefix || newPrefix > 32) {
            throw new IllegalArgumentException("/" + newPrefix + " cannot be carved from " + this);
        }
        long count = 1L << (newPrefix - prefix);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(this + " holds " + count + " blocks of /" + newPrefix
                    + ", not block " + index);
        }
        return new Cidr(address + index * (1L << (32 - newPrefix)), newPrefix);
    }

    @Override
    public String toString() {
        return format(address) + "/" + prefix;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }

    private static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255);
    }
}
