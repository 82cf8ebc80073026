package org.imsajames.bench.comparison;

import java.util.List;

/** The results as Markdown: one row per server and scenario, then the four ratios against their targets. */
final class ResultsTable {
    private static final double THROUGHPUT_TARGET = 0.97;
    private static final double REFUSED_TARGET = 1.0;
    private static final double MEMORY_TARGET_MIB = 150;

    private final Measurements measurements;
    private final String stock;
    private final String ours;
    private final String postfix;
    private final String trivial;
    private final String oursNoLookup;

    ResultsTable(Measurements measurements, String stock, String ours, String postfix, String trivial,
        String oursNoLookup) {
        this.measurements = measurements;
        this.stock = stock;
        this.ours = ours;
        this.postfix = postfix;
        this.trivial = trivial;
        this.oursNoLookup = oursNoLookup;
    }

    String render(String settings, MemoryResult memory) {
        StringBuilder table = new StringBuilder("## Results\n\n").append(settings).append("\n\n");
        table.append("| scenario | server | sessions/s (median) | each round | p50 ms | p99 ms | errors / stalled "
            + "| server CPU busy | load tool CPU |\n");
        table.append("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Scenario scenario : Scenario.values()) {
            for (String server : List.of(trivial, stock, ours, oursNoLookup, postfix)) {
                if (measurements.of(scenario, server).isEmpty()) {
                    continue;
                }
                table.append(String.format("| %s | %s | %.1f | %s | %.2f | %.2f | %d / %d | %.0f%% | %.0f%% |%n",
                    scenario.name(), server, measurements.medianRate(scenario, server), rounds(scenario, server),
                    measurements.medianLatency(scenario, server, 50), measurements.medianLatency(scenario, server, 99),
                    measurements.errors(scenario, server), measurements.stalled(scenario, server),
                    measurements.medianServerCpu(scenario, server) * 100,
                    measurements.medianLoadToolCpu(scenario, server) * 100));
            }
        }
        table.append("\n| # | ratio | value | target | met |\n| --- | --- | ---: | --- | --- |\n");
        double throughput = ratio(Scenario.FULL_TLS, ours, stock);
        double refused = ratio(Scenario.REFUSED, ours, postfix);
        double tls = ratio(Scenario.FULL_TLS, ours, postfix);
        table.append(row(1, "TLS sessions/s, James + imsa-james (list, TLS-only) / stock James", throughput,
            ">= " + THROUGHPUT_TARGET, throughput >= THROUGHPUT_TARGET));
        table.append(row(2, "refused connections/s, James + imsa-james / Postfix", refused, ">= " + REFUSED_TARGET,
            refused >= REFUSED_TARGET));
        double noLookup = ratio(Scenario.REFUSED, oursNoLookup, postfix);
        table.append(String.format(
            "| 2b | refused connections/s, James + imsa-james with -Djames.protocols.mdc.hostname=false "
            + "/ Postfix | %.3f | (variant) | - |%n", noLookup));
        table.append(String.format(
            "| 3 | TLS sessions/s, James + imsa-james / Postfix (encrypt) | %.2f | reported | - |%n", tls));
        table.append(String.format(
            "| 4 | RSS with %,d entries - RSS with none | %.1f MiB (after full GC: %.1f MiB) | < %.0f MiB | %s |%n",
            memory.entries, memory.differenceMib(), memory.differenceAfterGcMib(), MEMORY_TARGET_MIB,
            memory.differenceMib() < MEMORY_TARGET_MIB ? "yes" : "no"));
        table.append(String.format(
            "%nRSS: %.1f MiB with the list, %.1f MiB without; after jcmd GC.run: %.1f MiB and %.1f MiB.%n",
            memory.bigKib / 1024.0, memory.emptyKib / 1024.0, memory.bigAfterGcKib / 1024.0,
            memory.emptyAfterGcKib / 1024.0));
        return table.toString();
    }

    private String rounds(Scenario scenario, String server) {
        StringBuilder text = new StringBuilder();
        measurements.of(scenario, server).forEach(result -> text.append(text.length() == 0 ? "" : ", ")
            .append(String.format("%.0f", result.sessionsPerSecond())));
        return text.toString();
    }

    private double ratio(Scenario scenario, String server, String baseline) {
        return measurements.medianRate(scenario, server) / measurements.medianRate(scenario, baseline);
    }

    private static String row(int number, String what, double value, String target, boolean met) {
        return String.format("| %d | %s | %.3f | %s | %s |%n", number, what, value, target, met ? "yes" : "no");
    }
}
