package org.imsajames.bench.lists;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;

/** One generated list entry: the network as written (host bits may be set) and its prefix length. */
public final class SyntheticEntry {
    private final byte[] address;
    private final int prefixLength;
    private final String text;

    SyntheticEntry(byte[] address, int prefixLength, String text) {
        this.address = address.clone();
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** As an operator would write it: {@code 10.1.2.3}, {@code 10.1.2.3:255.255.255.0}, {@code 10.1.0.0/16}, IPv6. */
    public String text() {
        return text;
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** Canonical CIDR (host bits cleared), the form James's NetMatcher, the ipaddress library and Postfix read. */
    public String cidr() {
        return literal(network()) + "/" + prefixLength;
    }

    /** A random address inside this network. */
    public InetAddress randomAddressInside(Random random) {
        byte[] inside = network();
        byte[] noise = new byte[inside.length];
        random.nextBytes(noise);
        for (int bit = prefixLength; bit < inside.length * 8; bit++) {
            int mask = 0x80 >>> (bit % 8);
            inside[bit / 8] = (byte) (inside[bit / 8] | (noise[bit / 8] & mask));
        }
        return address(inside);
    }

    private byte[] network() {
        byte[] network = address.clone();
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit / 8] = (byte) (network[bit / 8] & ~(0x80 >>> (bit % 8)));
        }
        return network;
    }

    static String literal(byte[] bytes) {
        return address(bytes).getHostAddress();
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // a literal: never a DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not 4 or 16 bytes", e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
