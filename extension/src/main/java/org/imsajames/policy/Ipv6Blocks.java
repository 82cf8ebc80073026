package org.imsajames.policy;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;

/**
 * Disjoint IPv6 CIDR blocks in primitive arrays (17 bytes a block), searched by binary search with exact
 * 128-bit prefix comparison. CIDR blocks are either nested or disjoint, so keeping only the outermost ones
 * loses no match.
 */
final class Ipv6Blocks {
    private final long[] startHighs;
    private final long[] startLows;
    /** Unsigned: 128 is stored as (byte) -128. */
    private final byte[] prefixLengths;

    private Ipv6Blocks(long[] startHighs, long[] startLows, byte[] prefixLengths) {
        this.startHighs = startHighs;
        this.startLows = startLows;
        this.prefixLengths = prefixLengths;
    }

    static Ipv6Blocks of(Collection<ListEntry> entries) {
        // Ordered by start, then widest block first: each block is either inside the last kept block or after it.
        ListEntry[] sorted = entries.stream().filter(entry -> !entry.isIpv4()).sorted(
                Comparator.comparing(ListEntry::ipv6NetworkHigh, Long::compareUnsigned)
                        .thenComparing(ListEntry::ipv6NetworkLow, Long::compareUnsigned)
                        .thenComparingInt(ListEntry::prefixLength))
                .toArray(ListEntry[]::new);
        long[] highs = new long[sorted.length];
        long[] lows = new long[sorted.length];
        byte[] prefixLengths = new byte[sorted.length];
        int kept = 0;
        for (ListEntry entry : sorted) {
            long high = entry.ipv6NetworkHigh();
            long low = entry.ipv6NetworkLow();
            boolean nested = kept > 0
                    && contains(highs[kept - 1], lows[kept - 1], prefixLengths[kept - 1] & 0xff, high, low);
            if (nested) {
                continue;
            }
            highs[kept] = high;
            lows[kept] = low;
            prefixLengths[kept] = (byte) entry.prefixLength();
            kept++;
        }
        return new Ipv6Blocks(Arrays.copyOf(highs, kept), Arrays.copyOf(lows, kept),
                Arrays.copyOf(prefixLengths, kept));
    }

    /** Index of the block holding the address, or -1. */
    int indexOf(long high, long low) {
        // The only candidate is the block with the greatest start not above the address.
        int lowest = 0;
        int highest = startHighs.length - 1;
        int candidate = -1;
        while (lowest <= highest) {
            int middle = (lowest + highest) >>> 1;
            int order = Long.compareUnsigned(startHighs[middle], high);
            if (order == 0) {
                order = Long.compareUnsigned(startLows[middle], low);
            }
            if (order <= 0) {
                candidate = middle;
                lowest = middle + 1;
            } else {
                highest = middle - 1;
            }
        }
        if (candidate < 0) {
            return -1;
        }
        return contains(startHighs[candidate], startLows[candidate], prefixLength(candidate), high, low)
                ? candidate : -1;
    }

    private static boolean contains(long networkHigh, long networkLow, int prefixLength, long high, long low) {
        return ((networkHigh ^ high) & PrefixMasks.ipv6High(prefixLength)) == 0
                && ((networkLow ^ low) & PrefixMasks.ipv6Low(prefixLength)) == 0;
    }

    String cidr(int index) {
        return Ipv6Literal.format(startHighs[index], startLows[index]) + "/" + prefixLength(index);
    }

    private int prefixLength(int index) {
        return prefixLengths[index] & 0xff;
    }

    int size() {
        return startHighs.length;
    }
}
