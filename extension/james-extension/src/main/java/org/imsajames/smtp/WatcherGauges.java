package org.imsajames.smtp;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.metrics.api.GaugeRegistry;

/**
 * The watchers' state as gauges, one of each per registry, since a gauge name can be registered only once: several
 * SMTP servers each with their own handler still give one number, the worst.
 * <ul>
 * <li>{@value #AGE}: seconds since the oldest last successful load (start-up counts as one). It also grows on a
 * healthy list nobody changes, so it cannot tell a refused file;</li>
 * <li>{@value #LIST_REJECTED}: 1 while the file on disk is one a watcher refused (the previous policy is kept), 0
 * once a good file is installed or the file is back to the content in force. Alert on this one.</li>
 * </ul>
 */
final class WatcherGauges {
    static final String AGE = "imsa.connectionControl.secondsSinceLastReload";
    static final String LIST_REJECTED = "imsa.connectionControl.listRejected";
    private static final Map<GaugeRegistry, Set<ListFileWatcher>> WATCHERS =
        Collections.synchronizedMap(new IdentityHashMap<>());

    private WatcherGauges() {
    }

    static void track(ListFileWatcher watcher, GaugeRegistry registry) {
        Set<ListFileWatcher> watchers;
        boolean first;
        synchronized (WATCHERS) {
            first = !WATCHERS.containsKey(registry);
            watchers = WATCHERS.computeIfAbsent(registry, r -> ConcurrentHashMap.newKeySet());
        }
        watchers.add(watcher);
        if (first) {
            register(registry, AGE, () -> age(watchers));
            register(registry, LIST_REJECTED, () -> rejected(watchers));
        }
    }

    static void untrack(ListFileWatcher watcher) {
        synchronized (WATCHERS) {
            WATCHERS.values().forEach(watchers -> watchers.remove(watcher));
        }
    }

    private static <T> void register(GaugeRegistry registry, String name, org.apache.james.metrics.api.Gauge<T> gauge) {
        try {
            registry.register(name, gauge);
        } catch (IllegalArgumentException alreadyThere) {
            // registered by an earlier copy of this class (another class loader): that one reports
        }
    }

    private static Long age(Set<ListFileWatcher> watchers) {
        long oldest = 0;
        for (ListFileWatcher watcher : watchers) {
            oldest = Math.max(oldest, watcher.nanosSinceLastSuccess());
        }
        return oldest / 1_000_000_000L;
    }

    private static Integer rejected(Set<ListFileWatcher> watchers) {
        return watchers.stream().anyMatch(ListFileWatcher::listRejected) ? 1 : 0;
    }
}
