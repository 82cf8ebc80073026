package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The one promise the block searches rely on: every key before a probe's slice is below the probe and every key
 * after it is above, so the block covering the probe is in the slice or just before it.
 */
class BucketIndexProperties {

    @Property(tries = 500)
    void keysOutsideTheSliceAreBelowOrAboveTheProbe(@ForAll("sortedKeys") long[] keys,
            @ForAll("probes") List<Long> probes, @ForAll @IntRange(min = 1, max = 16) int minBucketBits) {
        BucketIndex index = BucketIndex.over(keys, keys.length, minBucketBits);

        for (long probe : withKeysAndNeighbours(probes, keys)) {
            int from = index.from(probe);
            int to = index.to(probe);
            assertThat(from).as("probe %x", probe).isBetween(0, to);
            assertThat(to).as("probe %x", probe).isLessThanOrEqualTo(keys.length);
            for (int i = 0; i < from; i++) {
                assertThat(Long.compareUnsigned(keys[i], probe)).as("key %x before probe %x", keys[i], probe)
                        .isLessThan(0);
            }
            for (int i = to; i < keys.length; i++) {
                assertThat(Long.compareUnsigned(keys[i], probe)).as("key %x after probe %x", keys[i], probe)
                        .isGreaterThan(0);
            }
        }
    }

    @Property(tries = 100)
    void anEmptyIndexGivesEmptySlices(@ForAll long probe) {
        BucketIndex index = BucketIndex.over(new long[0], 0, 1);

        assertThat(index.from(probe)).isZero();
        assertThat(index.to(probe)).isZero();
    }

    private static List<Long> withKeysAndNeighbours(List<Long> probes, long[] keys) {
        List<Long> all = new ArrayList<>(probes);
        for (int i = 0; i < Math.min(keys.length, 50); i++) {
            all.add(keys[i]);
            all.add(keys[i] - 1);
            all.add(keys[i] + 1);
        }
        return all;
    }

    @Provide
    Arbitrary<long[]> sortedKeys() {
        Arbitrary<Long> spread = Arbitraries.longs();
        // IPv4 starts sit in the top 32 bits; IPv6 lists often share a long prefix, or even whole high halves.
        Arbitrary<Long> ipv4 = Arbitraries.integers().map(address -> (long) address << Integer.SIZE);
        Arbitrary<Long> sharedPrefix = Arbitraries.longs().between(0, 0xffffff).map(low -> 0x20010db800000000L | low);
        Arbitrary<Long> few = Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x2001_0db8_0000_0000L);
        return Arbitraries.oneOf(spread.list().ofMaxSize(3000), ipv4.list().ofMaxSize(3000),
                        sharedPrefix.list().ofMaxSize(3000), few.list().ofMaxSize(40),
                        Arbitraries.frequencyOf(Tuple.of(1, spread), Tuple.of(1, sharedPrefix), Tuple.of(1, few))
                                .list().ofMaxSize(3000))
                .map(keys -> keys.stream().mapToLong(Long::longValue).map(key -> key ^ Long.MIN_VALUE).sorted()
                        .map(key -> key ^ Long.MIN_VALUE).toArray());
    }

    @Provide
    Arbitrary<List<Long>> probes() {
        return Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.longs().between(0, 0xffffff).map(low -> 0x20010db800000000L | low),
                Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)).list().ofMaxSize(40);
    }
}
