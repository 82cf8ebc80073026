package org.imsajames.policy;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Objects;

/**
 * Finds which list entry covers a client address, in logarithmic time. Immutable, so safe to share between threads.
 * Keeps only primitive arrays (no entry objects or strings); the matching block's CIDR text is rebuilt on demand.
 * IPv4 clients, including IPv4-mapped IPv6 ones (::ffff:a.b.c.d), are matched against IPv4 entries only;
 * IPv6 entries (even ::/0) cover IPv6 clients only.
 */
public final class AddressMatcher {
    private static final long IPV4_MAPPED_PREFIX = 0xffffL;

    private final Ipv4Blocks ipv4;
    private final Ipv6Blocks ipv6;

    private AddressMatcher(Ipv4Blocks ipv4, Ipv6Blocks ipv6) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    public static AddressMatcher of(Collection<ListEntry> entries) {
        return new AddressMatcher(Ipv4Blocks.of(entries), Ipv6Blocks.of(entries));
    }

    /** The entry covering this client (canonical CIDR string of the matching block), or null when none. */
    public String find(InetAddress client) {
        byte[] address = Objects.requireNonNull(client, "client").getAddress();
        if (address.length == 4) {
            return findIpv4((int) bits(address, 0, 4));
        }
        long high = bits(address, 0, 8);
        long low = bits(address, 8, 8);
        if (high == 0 && low >>> 32 == IPV4_MAPPED_PREFIX) {
            return findIpv4((int) low);
        }
        int index = ipv6.indexOf(high, low);
        return index < 0 ? null : ipv6.cidr(index);
    }

    private String findIpv4(int address) {
        int index = ipv4.indexOf(address);
        return index < 0 ? null : ipv4.cidr(index);
    }

    private static long bits(byte[] bytes, int offset, int length) {
        long bits = 0;
        for (int i = offset; i < offset + length; i++) {
            bits = bits << 8 | (bytes[i] & 0xff);
        }
        return bits;
    }

    /** Number of blocks kept after removing duplicates and blocks nested in others. */
    public int size() {
        return ipv4.size() + ipv6.size();
    }
}
