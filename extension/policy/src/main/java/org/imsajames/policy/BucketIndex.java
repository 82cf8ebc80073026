package org.imsajames.policy;

/**
 * First-level index over sorted unsigned 64-bit keys (block starts): for a looked-up key it gives the slice of the
 * sorted blocks that share its bucket, so the binary search that follows touches a few neighbouring entries instead
 * of 20 cache lines spread over a megabyte-sized array. Buckets are the bits just after the leading bits every key
 * shares (IPv6 lists often all sit in 2000::/3), and there are about as many buckets as blocks, at most 65,536
 * (a 256 KiB table, small enough for a core's cache).
 */
final class BucketIndex {
    private static final int MAX_BUCKET_BITS = 16;

    /** Leading bits shared by every key, and their value. */
    private final int sharedBits;
    private final long sharedPrefix;
    private final int bucketBits;
    /**
     * firstBlock[b] is the index of the first block in bucket b or a later one; the last entry is the block count.
     */
    private final int[] firstBlock;

    private BucketIndex(int sharedBits, long sharedPrefix, int bucketBits, int[] firstBlock) {
        this.sharedBits = sharedBits;
        this.sharedPrefix = sharedPrefix;
        this.bucketBits = bucketBits;
        this.firstBlock = firstBlock;
    }

    /**
     * keys must be sorted in unsigned order; they are read, not kept. Keys in one bucket share at least their top
     * minBucketBits bits (1 to 16).
     */
    static BucketIndex over(long[] keys, int count, int minBucketBits) {
        int bucketBits = Math.max(minBucketBits, Math.min(MAX_BUCKET_BITS, 32 - Integer.numberOfLeadingZeros(count)));
        int sharedBits = count == 0 ? 0
                : Math.min(Long.numberOfLeadingZeros(keys[0] ^ keys[count - 1]), Long.SIZE - bucketBits);
        int buckets = 1 << bucketBits;
        int[] firstBlock = new int[buckets + 1];
        int block = 0;
        for (int bucket = 0; bucket <= buckets; bucket++) {
            while (block < count && bucket(keys[block], sharedBits, bucketBits) < bucket) {
                block++;
            }
            firstBlock[bucket] = block;
        }
        return new BucketIndex(sharedBits, count == 0 ? 0 : prefix(keys[0], sharedBits), bucketBits, firstBlock);
    }

    /** First index of the slice that may hold blocks starting in the key's bucket. */
    int from(long key) {
        return firstBlock[edge(key, 0)];
    }

    /** End (exclusive) of the slice that may hold blocks starting in the key's bucket. */
    int to(long key) {
        return firstBlock[edge(key, 1)];
    }

    /**
     * The table position of the key's bucket plus offset. A key outside the shared prefix goes to the start of the
     * table (below every key) or to its end (above): an empty slice at 0 or at the block count.
     */
    private int edge(long key, int offset) {
        long keyPrefix = prefix(key, sharedBits);
        if (keyPrefix == sharedPrefix) {
            return bucket(key, sharedBits, bucketBits) + offset;
        }
        return Long.compareUnsigned(keyPrefix, sharedPrefix) < 0 ? 0 : firstBlock.length - 1;
    }

    private static int bucket(long key, int sharedBits, int bucketBits) {
        return (int) ((key << sharedBits) >>> (Long.SIZE - bucketBits));
    }

    private static long prefix(long key, int bits) {
        return bits == 0 ? 0 : key >>> (Long.SIZE - bits);
    }
}
