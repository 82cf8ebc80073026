package org.imsajames.bench.comparison;

import java.util.ArrayList;
import java.util.List;

/**
 * Load until the server's rate is steady: intervals of load back to back until two consecutive ones are within
 * {@link #TOLERANCE} of each other (or the most intervals allowed have run). A JIT still compiling shows as a
 * rising curve; the rounds start only after it has flattened.
 */
final class WarmUp {
    static final double TOLERANCE = 0.05;

    private WarmUp() {
    }

    /** True when the last two rates differ by at most 5% of the earlier one. */
    static boolean stable(List<Double> rates) {
        if (rates.size() < 2) {
            return false;
        }
        double previous = rates.get(rates.size() - 2);
        double last = rates.get(rates.size() - 1);
        return previous > 0 && Math.abs(last - previous) <= TOLERANCE * previous;
    }

    interface Interval {
        double run() throws InterruptedException;
    }

    /** Runs intervals until {@link #stable} or maxIntervals; returns the rates, in order. */
    static List<Double> until(Interval interval, int maxIntervals) throws InterruptedException {
        List<Double> rates = new ArrayList<>();
        while (rates.size() < maxIntervals && !stable(rates)) {
            rates.add(interval.run());
        }
        return rates;
    }
}
