package org.imsajames.bench.matcher;

import java.util.List;
import java.util.concurrent.TimeUnit;

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

/** Time to turn the list's text lines into a ready matcher (parse + build), one shot at a time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class BuildBenchmark {
    @Param({"1000000"})
    public int entries;

    @Param({"imsa", "ipaddress"})
    public String matcher;

    private MatcherKind kind;
    private List<String> lines;

    @Setup
    public void generate() {
        kind = MatcherKind.named(matcher);
        lines = kind.lines(SyntheticList.generate(entries, LookupBenchmark.LIST_SEED));
    }

    @Benchmark
    public ListLookup build() {
        return kind.build(lines);
    }
}
