package org.imsajames.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How busy the servers' CPUs were between two readings of /proc/stat, whoever used them (other work on the machine
 * shows up here too). With the servers pinned, a core near 100% means the server side was the limit.
 */
final class CoreUsage {
    private final Set<String> cores;
    private long busy;
    private long total;

    private CoreUsage(Set<String> cores) {
        this.cores = cores;
    }

    /** Starts measuring the CPUs of a taskset list such as "0", "0,1" or "0-1"; empty means all CPUs. */
    static CoreUsage start(String cpuList) {
        Set<String> cores = new HashSet<>();
        for (String part : cpuList.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.trim().split("-");
            int first = Integer.parseInt(range[0]);
            int last = range.length > 1 ? Integer.parseInt(range[1]) : first;
            for (int cpu = first; cpu <= last; cpu++) {
                cores.add("cpu" + cpu);
            }
        }
        if (cores.isEmpty()) {
            cores.add("cpu");
        }
        CoreUsage usage = new CoreUsage(cores);
        long[] now = usage.read();
        usage.busy = now[0];
        usage.total = now[1];
        return usage;
    }

    /** Busy share since start, 0..1 (NaN when /proc/stat cannot be read). */
    double busySinceStart() {
        long[] now = read();
        long totalDelta = now[1] - total;
        return totalDelta <= 0 ? Double.NaN : (now[0] - busy) / (double) totalDelta;
    }

    private long[] read() {
        long busyTicks = 0;
        long totalTicks = 0;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (!cores.contains(fields[0])) {
                    continue;
                }
                long lineTotal = 0;
                for (int i = 1; i < fields.length && i <= 8; i++) {
                    lineTotal += Long.parseLong(fields[i]);
                }
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                busyTicks += lineTotal - idle;
                totalTicks += lineTotal;
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
        return new long[] {busyTicks, totalTicks};
    }
}
