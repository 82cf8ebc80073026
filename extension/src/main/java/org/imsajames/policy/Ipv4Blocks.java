package org.imsajames.policy;

import java.util.Arrays;
import java.util.Collection;

/**
 * Disjoint IPv4 CIDR blocks in two primitive arrays (5 bytes a block), searched by binary search.
 * CIDR blocks are either nested or disjoint, so keeping only the outermost ones loses no match.
 */
final class Ipv4Blocks {
    private static final int PREFIX_BITS = 6;

    /** Network addresses with the sign bit flipped, so that signed int order is unsigned address order. */
    private final int[] starts;
    private final byte[] prefixLengths;

    private Ipv4Blocks(int[] starts, byte[] prefixLengths) {
        this.starts = starts;
        this.prefixLengths = prefixLengths;
    }

    static Ipv4Blocks of(Collection<ListEntry> entries) {
        long[] packed = new long[(int) entries.stream().filter(ListEntry::isIpv4).count()];
        int count = 0;
        for (ListEntry entry : entries) {
            if (entry.isIpv4()) {
                packed[count++] = (entry.ipv4Network() & 0xffffffffL) << PREFIX_BITS | entry.prefixLength();
            }
        }
        // Ordered by start, then widest block first: each block is either inside the last kept block or after it.
        Arrays.sort(packed);
        int[] starts = new int[count];
        byte[] prefixLengths = new byte[count];
        int kept = 0;
        long lastKeptEnd = -1;
        for (long block : packed) {
            long start = block >>> PREFIX_BITS;
            int prefixLength = (int) (block & ((1 << PREFIX_BITS) - 1));
            if (start <= lastKeptEnd) {
                continue;
            }
            starts[kept] = (int) start ^ Integer.MIN_VALUE;
            prefixLengths[kept] = (byte) prefixLength;
            kept++;
            lastKeptEnd = start | (~PrefixMasks.ipv4(prefixLength) & 0xffffffffL);
        }
        return new Ipv4Blocks(Arrays.copyOf(starts, kept), Arrays.copyOf(prefixLengths, kept));
    }

    /** Index of the block holding the address, or -1. */
    int indexOf(int address) {
        int key = address ^ Integer.MIN_VALUE;
        int index = Arrays.binarySearch(starts, key);
        if (index < 0) {
            // The only candidate is the block starting closest below the address.
            index = -index - 2;
            if (index < 0) {
                return -1;
            }
        }
        return ((key ^ starts[index]) & PrefixMasks.ipv4(prefixLengths[index])) == 0 ? index : -1;
    }

    String cidr(int index) {
        return Ipv4Literal.format(starts[index] ^ Integer.MIN_VALUE) + "/" + prefixLengths[index];
    }

    int size() {
        return starts.length;
    }
}
