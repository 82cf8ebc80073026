package org.imsajames.bench.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Sessions completed in the measured window, their latency and the errors, by category. */
public final class LoadResult {
    private final long sessions;
    private final double seconds;
    private final long[] sortedMicros;
    private final Map<String, Long> errors;
    private final String tlsParameters;
    private final double loadToolCpu;
    private final long stalled;

    LoadResult(long[] latenciesMicros, double seconds, Map<String, Long> errors, String tlsParameters,
        double loadToolCpu, long stalled) {
        this.sortedMicros = latenciesMicros.clone();
        Arrays.sort(this.sortedMicros);
        this.sessions = sortedMicros.length;
        this.seconds = seconds;
        this.errors = new TreeMap<>(errors);
        this.tlsParameters = tlsParameters;
        this.loadToolCpu = loadToolCpu;
        this.stalled = stalled;
    }

    /** Sessions started in the measured window still running 2 s after it closed: stalls, not sessions in flight. */
    public long stalled() {
        return stalled;
    }

    /** CPU the load tool used while measuring, in cores (1.0 = one core busy all the time). */
    public double loadToolCpu() {
        return loadToolCpu;
    }

    public long sessions() {
        return sessions;
    }

    public double sessionsPerSecond() {
        return seconds <= 0 ? 0 : sessions / seconds;
    }

    /** Latency at a percentile (0..100), in milliseconds; NaN with no session. */
    public double latencyMillis(double percentile) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> errors() {
        return errors;
    }

    /** Protocol and cipher suite of the TLS sessions, or null without TLS. */
    public String tlsParameters() {
        return tlsParameters;
    }

    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(
            "sessions %d in %.2f s = %.1f sessions/s; latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f; errors %d; "
                + "stalled %d; load tool CPU %.0f%% of a core",
            sessions, seconds, sessionsPerSecond(), latencyMillis(50), latencyMillis(90), latencyMillis(99),
            latencyMillis(100), errorCount(), stalled, loadToolCpu * 100));
        errors.forEach((category, count) -> text.append("\n  error x").append(count).append(": ").append(category));
        if (tlsParameters != null) {
            text.append("\n  tls: ").append(tlsParameters);
        }
        return text.toString();
    }
}
