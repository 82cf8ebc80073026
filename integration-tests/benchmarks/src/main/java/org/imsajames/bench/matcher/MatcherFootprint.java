package org.imsajames.bench.matcher;

import java.lang.ref.Reference;
import java.util.List;
import java.util.concurrent.Callable;

import org.imsajames.bench.lists.SyntheticEntry;
import org.imsajames.bench.lists.SyntheticList;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap kept by each matcher per list entry, two ways: JOL's walk of everything the matcher references (exact), and
 * the JVM's used heap after GC before and after building (a cross-check, median of several samples). Also prints
 * the time of the build it measures.
 */
@Command(name = "matcher-footprint", mixinStandardHelpOptions = true,
    description = "Retained heap per entry of each list matcher.")
public final class MatcherFootprint implements Callable<Integer> {
    @Option(names = "--entries", split = ",", defaultValue = "10,1000,100000,1000000",
        description = "List sizes (default: ${DEFAULT-VALUE}).")
    private List<Integer> sizes;

    @Option(names = "--matchers", split = ",", defaultValue = "imsa,ipaddress,netmatcher",
        description = "Matchers (default: ${DEFAULT-VALUE}).")
    private List<String> matchers;

    @Option(names = "--max-netmatcher-entries", defaultValue = "1000000",
        description = "Largest list given to NetMatcher (default: ${DEFAULT-VALUE}).")
    private int maxNetMatcherEntries;

    @Option(names = "--samples", defaultValue = "3",
        description = "GC samples per measure (default: ${DEFAULT-VALUE}).")
    private int samples;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MatcherFootprint()).execute(args));
    }

    @Override
    public Integer call() {
        System.out.println("| matcher | entries | kept blocks | build ms | JOL bytes/entry | GC-delta bytes/entry |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (int size : sizes) {
            List<SyntheticEntry> entries = SyntheticList.generate(size, LookupBenchmark.LIST_SEED);
            for (String name : matchers) {
                MatcherKind kind = MatcherKind.named(name);
                if (kind == MatcherKind.NETMATCHER && size > maxNetMatcherEntries) {
                    continue;
                }
                measure(kind, size, kind.lines(entries));
            }
        }
        return 0;
    }

    private void measure(MatcherKind kind, int size, List<String> lines) {
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        ListLookup lookup = kind.build(lines);
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        long after = usedHeapAfterGc();
        long jolBytes = retainedBytes(lookup);
        System.out.printf("| %s | %,d | %s | %,d | %.1f | %.1f |%n", kind.name().toLowerCase(), size, keptBlocks(lookup),
            buildMillis, (double) jolBytes / size, (double) (after - before) / size);
        // The matcher must still be reachable when the second heap measure is taken.
        Reference.reachabilityFence(lookup);
    }

    /**
     * Everything the matcher references. NetMatcher's TreeSet holds a lambda comparator, a hidden class JOL cannot
     * walk, so for it: the networks themselves plus one TreeMap node each (the set's only other per-entry cost).
     */
    private static long retainedBytes(ListLookup lookup) {
        if (!(lookup instanceof NetMatcherLookup netMatcher)) {
            return GraphLayout.parseInstance(lookup).totalSize();
        }
        Object[] networks = netMatcher.networks().toArray();
        long arrayBytes = ClassLayout.parseInstance(networks).instanceSize();
        long nodeBytes = ClassLayout.parseClass(treeMapEntry()).instanceSize();
        return GraphLayout.parseInstance((Object) networks).totalSize() - arrayBytes + nodeBytes * networks.length;
    }

    private static Class<?> treeMapEntry() {
        try {
            return Class.forName("java.util.TreeMap$Entry");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keptBlocks(ListLookup lookup) {
        return lookup instanceof ImsaLookup imsa ? String.format("%,d", imsa.size()) : "-";
    }

    private long usedHeapAfterGc() {
        long[] used = new long[samples];
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < samples; i++) {
            System.gc();
            used[i] = runtime.totalMemory() - runtime.freeMemory();
        }
        java.util.Arrays.sort(used);
        return used[samples / 2];
    }
}
