package org.imsajames.bench.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imsajames.bench.load.LoadResult;

/** Every run's result, by scenario and server, in the order run, and each server's warm-up curve. */
final class Measurements {
    private final Map<String, List<Run>> runs = new LinkedHashMap<>();
    private final Map<String, List<Double>> warmUps = new LinkedHashMap<>();

    void add(Scenario scenario, String server, Run run) {
        runs.computeIfAbsent(key(scenario, server), k -> new ArrayList<>()).add(run);
    }

    void warmUp(Scenario scenario, String server, List<Double> rates) {
        warmUps.put(key(scenario, server), List.copyOf(rates));
    }

    List<Double> warmUp(Scenario scenario, String server) {
        return warmUps.getOrDefault(key(scenario, server), List.of());
    }

    List<LoadResult> of(Scenario scenario, String server) {
        return runs.getOrDefault(key(scenario, server), List.of()).stream().map(Run::result).toList();
    }

    /** Median share of the servers' CPUs in use during the runs, 0..1. */
    double medianServerCpu(Scenario scenario, String server) {
        return median(runs.getOrDefault(key(scenario, server), List.of()).stream()
            .mapToDouble(Run::serverCpuBusy).toArray());
    }

    /** Median CPU of the load tool, in cores. */
    double medianLoadToolCpu(Scenario scenario, String server) {
        return median(of(scenario, server).stream().mapToDouble(LoadResult::loadToolCpu).toArray());
    }

    /** Median sessions/s over the rounds (NaN when none ran). */
    double medianRate(Scenario scenario, String server) {
        return median(of(scenario, server).stream().mapToDouble(LoadResult::sessionsPerSecond).toArray());
    }

    double medianLatency(Scenario scenario, String server, double percentile) {
        return median(of(scenario, server).stream().mapToDouble(result -> result.latencyMillis(percentile)).toArray());
    }

    long errors(Scenario scenario, String server) {
        return of(scenario, server).stream().mapToLong(LoadResult::errorCount).sum();
    }

    long stalled(Scenario scenario, String server) {
        return of(scenario, server).stream().mapToLong(LoadResult::stalled).sum();
    }

    /** The TLS parameters of the last run (e.g. "TLSv1.3 TLS_AES_256_GCM_SHA384"), or "". */
    String tlsParameters(Scenario scenario, String server) {
        List<LoadResult> results = of(scenario, server);
        return results.isEmpty() ? "" : String.valueOf(results.get(results.size() - 1).tlsParameters());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String key(Scenario scenario, String server) {
        return scenario + "/" + server;
    }
}
