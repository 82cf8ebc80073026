package org.imsajames.bench.comparison;

import org.imsajames.bench.load.LoadResult;

/** One measured run: the load tool's result and how busy the servers' CPUs were meanwhile (0..1). */
record Run(LoadResult result, double serverCpuBusy) {
}
