package org.imsajames.policy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * Finds which list entry covers a client address, in logarithmic time. Immutable, so safe to share between threads.
 * Keeps only primitive arrays (no entry objects or strings); a matching block's CIDR text is built only when asked
 * for, so a lookup allocates nothing. IPv4 clients, including IPv4-mapped IPv6 ones (::ffff:a.b.c.d), are matched
 * against IPv4 entries only; IPv6 entries (even ::/0) cover IPv6 clients only.
 */
public final class AddressMatcher {
    /** What {@link #indexOf} returns when no entry covers the client. */
    public static final int NO_MATCH = -1;
    private static final long IPV4_MAPPED_PREFIX = 0xffffL;

    private final Ipv4Blocks ipv4;
    private final Ipv6Blocks ipv6;

    private AddressMatcher(Ipv4Blocks ipv4, Ipv6Blocks ipv6) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    public static AddressMatcher of(Collection<ListEntry> entries) {
        Builder builder = builder();
        entries.forEach(builder::add);
        return builder.build();
    }

    /** For entries streamed one at a time (a list file), so that none of them has to be kept. */
    public static Builder builder() {
        return new Builder();
    }

    /** The block covering this client (to name with {@link #cidr}), or {@link #NO_MATCH}. */
    public int indexOf(InetAddress client) {
        byte[] address = Objects.requireNonNull(client, "client").getAddress();
        if (address.length == 4) {
            return ipv4.indexOf((int) bits(address, 0, 4));
        }
        long high = bits(address, 0, 8);
        long low = bits(address, 8, 8);
        if (high == 0 && low >>> 32 == IPV4_MAPPED_PREFIX) {
            return ipv4.indexOf((int) low);
        }
        int index = ipv6.indexOf(high, low);
        return index < 0 ? NO_MATCH : ipv4.size() + index;
    }

    /** Canonical CIDR text of a block found by {@link #indexOf}. */
    public String cidr(int block) {
        if (block < 0 || block >= size()) {
            throw new IndexOutOfBoundsException("no block " + block);
        }
        return block < ipv4.size() ? ipv4.cidr(block) : ipv6.cidr(block - ipv4.size());
    }

    /** The entry covering this client (canonical CIDR text of the matching block), or null when none. */
    public String find(InetAddress client) {
        int block = indexOf(client);
        return block == NO_MATCH ? null : cidr(block);
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

    /** Collects entries into growing primitive arrays; not thread-safe, use once. */
    public static final class Builder {
        private static final int INITIAL_CAPACITY = 16;

        private long[] ipv4 = new long[INITIAL_CAPACITY];
        private int ipv4Count;
        private long[] ipv6Highs = new long[INITIAL_CAPACITY];
        private long[] ipv6Lows = new long[INITIAL_CAPACITY];
        private byte[] ipv6Prefixes = new byte[INITIAL_CAPACITY];
        private int ipv6Count;

        private Builder() {
        }

        public Builder add(ListEntry entry) {
            if (entry.isIpv4()) {
                if (ipv4Count == ipv4.length) {
                    ipv4 = Arrays.copyOf(ipv4, grown(ipv4Count));
                }
                ipv4[ipv4Count++] = Ipv4Blocks.pack(entry.ipv4Network(), entry.prefixLength());
                return this;
            }
            if (ipv6Count == ipv6Highs.length) {
                ipv6Highs = Arrays.copyOf(ipv6Highs, grown(ipv6Count));
                ipv6Lows = Arrays.copyOf(ipv6Lows, ipv6Highs.length);
                ipv6Prefixes = Arrays.copyOf(ipv6Prefixes, ipv6Highs.length);
            }
            ipv6Highs[ipv6Count] = entry.ipv6NetworkHigh();
            ipv6Lows[ipv6Count] = entry.ipv6NetworkLow();
            ipv6Prefixes[ipv6Count] = (byte) entry.prefixLength();
            ipv6Count++;
            return this;
        }

        private static int grown(int count) {
            if (count >= Integer.MAX_VALUE / 2) {
                throw new IllegalStateException("too many entries: " + count);
            }
            return count * 2;
        }

        public AddressMatcher build() {
            return new AddressMatcher(Ipv4Blocks.of(ipv4, ipv4Count),
                    Ipv6Blocks.of(ipv6Highs, ipv6Lows, ipv6Prefixes, ipv6Count));
        }
    }
}
