package org.imsajames.smtp;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.metrics.api.GaugeRegistry;

/**
 * {@value #NAME}: seconds since the oldest last successful load among the running watchers (start-up counts as
 * one). One gauge for all handler instances, since a gauge name can be registered only once per registry: several
 * SMTP servers each with their own handler still give one number, the worst.
 */
final class ReloadAgeGauge {
    static final String NAME = "imsa.connectionControl.secondsSinceLastReload";
    private static final Set<ListFileWatcher> WATCHERS = ConcurrentHashMap.newKeySet();
    private static final Map<GaugeRegistry, Boolean> REGISTERED = Collections.synchronizedMap(new IdentityHashMap<>());

    private ReloadAgeGauge() {
    }

    static void track(ListFileWatcher watcher, GaugeRegistry registry) {
        WATCHERS.add(watcher);
        if (REGISTERED.putIfAbsent(registry, Boolean.TRUE) == null) {
            try {
                registry.register(NAME, ReloadAgeGauge::value);
            } catch (IllegalArgumentException alreadyThere) {
                // registered by an earlier copy of this class (another class loader): that one reports
            }
        }
    }

    static void untrack(ListFileWatcher watcher) {
        WATCHERS.remove(watcher);
    }

    static Long value() {
        long now = System.nanoTime();
        long oldest = 0;
        for (ListFileWatcher watcher : WATCHERS) {
            oldest = Math.max(oldest, now - watcher.lastSuccessNanos());
        }
        return oldest / 1_000_000_000L;
    }
}
