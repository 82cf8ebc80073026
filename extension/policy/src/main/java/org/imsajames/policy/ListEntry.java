package org.imsajames.policy;

/** One parsed list entry: a network (IPv4 or IPv6 base address + prefix length). Immutable. */
public final class ListEntry {
    private final String source;
    private final String origin;
    private final boolean ipv4;
    /** Network base address; an IPv4 address is kept in the low 32 bits of {@code low}. */
    private final long high;
    private final long low;
    private final int prefixLength;
    private final boolean hostBitsSet;

    private ListEntry(String source, String origin, boolean ipv4, long high, long low, int prefixLength,
            boolean hostBitsSet) {
        this.source = source;
        this.origin = origin;
        this.ipv4 = ipv4;
        this.high = high;
        this.low = low;
        this.prefixLength = prefixLength;
        this.hostBitsSet = hostBitsSet;
    }

    /** An IPv4 network; address bits beyond the prefix are cleared and remembered as {@link #hostBitsSet()}. */
    static ListEntry ipv4(String source, String origin, int address, int prefixLength) {
        int network = address & PrefixMasks.ipv4(prefixLength);
        return new ListEntry(source, origin, true, 0L, network & 0xffffffffL, prefixLength, network != address);
    }

    /** An IPv6 network; address bits beyond the prefix are cleared and remembered as {@link #hostBitsSet()}. */
    static ListEntry ipv6(String source, String origin, long high, long low, int prefixLength) {
        long networkHigh = high & PrefixMasks.ipv6High(prefixLength);
        long networkLow = low & PrefixMasks.ipv6Low(prefixLength);
        boolean hostBits = networkHigh != high || networkLow != low;
        return new ListEntry(source, origin, false, networkHigh, networkLow, prefixLength, hostBits);
    }

    /** The text as the operator wrote it, trimmed. */
    public String source() {
        return source;
    }

    /** Where the entry came from, e.g. "connection-control.txt:7" or "inline". */
    public String origin() {
        return origin;
    }

    /** True when the address had bits set beyond the prefix; they were cleared, callers should warn. */
    public boolean hostBitsSet() {
        return hostBitsSet;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return ipv4;
    }

    /** CIDR form after normalisation: "192.168.3.0/25", "192.168.1.1/32", "2001:db8::/32". */
    public String canonical() {
        return ipv4 ? Ipv4Literal.format(ipv4Network()) + "/" + prefixLength
                : Ipv6Literal.format(high, low) + "/" + prefixLength;
    }

    int ipv4Network() {
        return (int) low;
    }

    long ipv6NetworkHigh() {
        return high;
    }

    long ipv6NetworkLow() {
        return low;
    }

    @Override
    public String toString() {
        return canonical() + " (" + origin + ": '" + source + "')";
    }
}
