package org.imsajames.policy;

import java.util.Arrays;

/**
 * Disjoint IPv6 CIDR blocks in one primitive array (24 bytes a block, so that a lookup reads one cache line), found
 * through a {@link BucketIndex} on the high 64 bits and a binary search in its slice with exact 128-bit comparison.
 * CIDR blocks are either nested or disjoint, so keeping only the outermost ones loses no match.
 */
final class Ipv6Blocks {
    private static final int STRIDE = 3;

    /** For each block, side by side: start's high 64 bits, start's low 64 bits, prefix length. */
    private final long[] blocks;
    private final BucketIndex buckets;

    private Ipv6Blocks(long[] blocks, BucketIndex buckets) {
        this.blocks = blocks;
        this.buckets = buckets;
    }

    /** The blocks of the first count networks given as parallel arrays (read, not kept). */
    static Ipv6Blocks of(long[] highs, long[] lows, byte[] prefixes, int count) {
        // Ordered by start, then widest block first: each block is either inside the last kept block or after it.
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> {
            int byHigh = Long.compareUnsigned(highs[a], highs[b]);
            if (byHigh != 0) {
                return byHigh;
            }
            int byLow = Long.compareUnsigned(lows[a], lows[b]);
            return byLow != 0 ? byLow : Integer.compare(prefixes[a] & 0xff, prefixes[b] & 0xff);
        });
        long[] blocks = new long[STRIDE * count];
        long[] keys = new long[count];
        int kept = 0;
        for (int i : order) {
            if (kept > 0 && covers(blocks, kept - 1, highs[i], lows[i])) {
                continue;
            }
            blocks[STRIDE * kept] = highs[i];
            blocks[STRIDE * kept + 1] = lows[i];
            blocks[STRIDE * kept + 2] = prefixes[i] & 0xff;
            keys[kept] = highs[i];
            kept++;
        }
        return new Ipv6Blocks(Arrays.copyOf(blocks, STRIDE * kept), BucketIndex.over(keys, kept, 1));
    }

    /** Index of the block holding the address, or -1. */
    int indexOf(long high, long low) {
        // The only candidate is the block with the greatest start not above the address: in the slice, or just
        // before it.
        int lowest = buckets.from(high);
        int highest = buckets.to(high) - 1;
        int candidate = lowest - 1;
        while (lowest <= highest) {
            int middle = (lowest + highest) >>> 1;
            int order = Long.compareUnsigned(blocks[STRIDE * middle], high);
            if (order == 0) {
                order = Long.compareUnsigned(blocks[STRIDE * middle + 1], low);
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
        return covers(blocks, candidate, high, low) ? candidate : -1;
    }

    private static boolean covers(long[] blocks, int block, long high, long low) {
        int prefixLength = (int) blocks[STRIDE * block + 2];
        return ((blocks[STRIDE * block] ^ high) & PrefixMasks.ipv6High(prefixLength)) == 0
                && ((blocks[STRIDE * block + 1] ^ low) & PrefixMasks.ipv6Low(prefixLength)) == 0;
    }

    String cidr(int index) {
        return Ipv6Literal.format(blocks[STRIDE * index], blocks[STRIDE * index + 1]) + "/"
                + blocks[STRIDE * index + 2];
    }

    int size() {
        return blocks.length / STRIDE;
    }
}
