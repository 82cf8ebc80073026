package org.imsajames.bench.load;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * Loopback addresses the load clients bind to, so the server sees many distinct clients. Anything outside
 * 127.0.0.0/8 is refused: load is only ever sent on this machine's loopback.
 */
public final class SourceRange {
    static final int MAX_ADDRESSES = 1 << 16;
    private static final IPAddress LOOPBACK = new IPAddressString("127.0.0.0/8").getAddress();

    private final String text;
    private final InetAddress[] addresses;

    private SourceRange(String text, InetAddress[] addresses) {
        this.text = text;
        this.addresses = addresses;
    }

    /** "127.1.0.0/22" or a single "127.0.0.1"; at most 65,536 addresses. */
    public static SourceRange parse(String text) {
        IPAddress block = new IPAddressString(text.trim()).getAddress();
        if (block == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address or CIDR range");
        }
        block = block.toPrefixBlock();
        requireLoopback(block, "source range '" + text + "'");
        if (block.getCount().compareTo(java.math.BigInteger.valueOf(MAX_ADDRESSES)) > 0) {
            throw new IllegalArgumentException(
                "source range '" + text + "' has more than " + MAX_ADDRESSES + " addresses");
        }
        List<InetAddress> addresses = new ArrayList<>();
        Iterator<? extends IPAddress> each =
            block.getCount().intValue() == 1 ? List.of(block).iterator() : block.iterator();
        while (each.hasNext()) {
            addresses.add(each.next().withoutPrefixLength().toInetAddress());
        }
        return new SourceRange(text.trim(), addresses.toArray(new InetAddress[0]));
    }

    /** Throws unless address is inside 127.0.0.0/8. */
    public static void requireLoopback(InetAddress address, String what) {
        requireLoopback(new IPAddressString(address.getHostAddress()).getAddress(), what);
    }

    private static void requireLoopback(IPAddress address, String what) {
        if (address == null || !address.isIPv4() || !LOOPBACK.contains(address)) {
            throw new IllegalArgumentException(what + " is not inside 127.0.0.0/8: load is sent to loopback only");
        }
    }

    /** The i-th address, cycling. */
    public InetAddress address(long i) {
        return addresses[(int) Math.floorMod(i, (long) addresses.length)];
    }

    public int size() {
        return addresses.length;
    }

    @Override
    public String toString() {
        return text + " (" + addresses.length + " addresses)";
    }
}
