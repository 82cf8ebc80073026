package org.imsajames.bench.matcher;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's own floor for a lookup in a list too big for cache: one load from a random place in an array of the
 * given size, each depending on the one before (a pointer chase over a single random cycle). A lookup in a 1M-entry
 * list cannot cost less than about one such load, so the lookup figures are read against this one, measured in the
 * same run the same way.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MemoryLatencyBenchmark {
    /** 256 KiB (fits a core's cache), 8 MiB (about a 1M-entry matcher), 64 MiB. */
    @Param({"262144", "8388608", "67108864"})
    public int bytes;

    private int[] next;
    private int position;

    @Setup
    public void link() {
        int count = bytes / Integer.BYTES;
        next = new int[count];
        for (int i = 0; i < count; i++) {
            next[i] = i;
        }
        // Sattolo's shuffle: one cycle through every slot, so the chase never settles in a small loop.
        Random random = new Random(LookupBenchmark.LIST_SEED);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int swap = next[i];
            next[i] = next[j];
            next[j] = swap;
        }
    }

    @Benchmark
    public int load() {
        position = next[position];
        return position;
    }
}
