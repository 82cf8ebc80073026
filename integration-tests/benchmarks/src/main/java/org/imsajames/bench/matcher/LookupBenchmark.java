package org.imsajames.bench.matcher;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imsajames.bench.lists.ClientAddresses;
import org.imsajames.bench.lists.SyntheticEntry;
import org.imsajames.bench.lists.SyntheticList;
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
 * One lookup of a random client (from a pool of 65,536, so a large list does not sit in cache) against a list of
 * N entries. {@link #clientOnly} measures what every lookup starts with: taking the next client and reading its address
 * bytes (the pool does not sit in cache either). AverageTime gives the mean; SampleTime gives the median and tail (each
 * sample includes the timer's own cost, a few tens of ns).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LookupBenchmark {
    private static final int CLIENT_POOL = 1 << 16;
    static final long LIST_SEED = 20_250_101L;

    @Param({"10", "1000", "100000", "1000000"})
    public int entries;

    @Param({"ipv4", "ipv6"})
    public String clients;

    @Param({"imsa", "ipaddress", "netmatcher"})
    public String matcher;

    private ListLookup lookup;
    private InetAddress[] pool;
    private int next;

    @Setup
    public void build() {
        List<SyntheticEntry> list = SyntheticList.generate(entries, LIST_SEED);
        MatcherKind kind = MatcherKind.named(matcher);
        lookup = kind.build(kind.lines(list));
        pool = ClientAddresses.sample(list, "ipv4".equals(clients), CLIENT_POOL, LIST_SEED + 1);
    }

    @Benchmark
    public boolean lookup() {
        return lookup.contains(pool[next++ & (CLIENT_POOL - 1)]);
    }

    /** The floor under every matcher's figure: the next client's address bytes, which any lookup starts with. */
    @Benchmark
    public byte[] clientOnly() {
        return pool[next++ & (CLIENT_POOL - 1)].getAddress();
    }
}
